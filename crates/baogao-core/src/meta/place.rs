//! Place names: the suffix grammar of Chinese divisions (省, 自治区, 市, 自治州, 地区, 盟, 州, 县,
//! 自治县, 旗, 区, 镇, 乡, 街道), the level each designation implies, and the normal form of a
//! name as a report writes it (`呼伦贝尔市海拉尔区` → `海拉尔区`, `甘孜州` → `甘孜藏族自治州`).

use super::gazetteer::{self, Entry};
use serde::Serialize;

/// The level of government a report comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The State Council (全国).
    National,
    /// Provinces, autonomous regions, municipalities under the central government.
    Province,
    /// Prefecture-level: cities, autonomous prefectures, 地区, 盟.
    City,
    /// County-level: counties, banners, districts, county-level cities.
    County,
    /// Towns, townships, sub-districts.
    Township,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Designations, longest first so that `自治州` wins over `州`.
pub const DESIGNATIONS: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "特区",
    "街道",
    "苏木",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "旗",
    "区",
    "镇",
    "乡",
];

/// The ethnic groups named in autonomous divisions (`恩施土家族苗族自治州`).
const NATIONS: &str = "蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 \
哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 \
仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 \
鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 高山族";

/// A designation's class as a bare word: `自治县` is a kind of `县`, `自治州` of `州`.
pub fn class(designation: &str) -> &str {
    match designation {
        "自治县" => "县",
        "自治旗" => "旗",
        "自治州" => "州",
        "林区" | "特区" => "区",
        d => d,
    }
}

/// `(stem, designation)`: `甘孜藏族自治州` → (`甘孜`, `自治州`), `海拉尔区` → (`海拉尔`, `区`).
/// The ethnic groups of an autonomous division are not part of its stem.
pub fn split(name: &str) -> Option<(&str, &'static str)> {
    let d = DESIGNATIONS
        .iter()
        .find(|d| name.ends_with(*d) && name.len() > d.len())?;
    let mut stem = &name[..name.len() - d.len()];
    if d.starts_with("自治") {
        // Strip trailing ethnic groups, written with or without 族 (`新疆维吾尔自治区`); a bounded
        // loop (each pass shortens the stem).
        let forms = NATIONS.split(' ').flat_map(|n| {
            let bare = n.trim_end_matches('族');
            [Some(n), (bare.chars().count() >= 2).then_some(bare)]
                .into_iter()
                .flatten()
        });
        let forms: Vec<&str> = forms.collect();
        while let Some(n) = forms
            .iter()
            .find(|n| stem.ends_with(*n) && stem[..stem.len() - n.len()].chars().count() >= 2)
        {
            stem = &stem[..stem.len() - n.len()];
        }
    }
    Some((stem, d))
}

/// The level a designation alone implies; `None` for `市` and `区`, which name units at more
/// than one level (a prefecture-level or county-level city; a district or an autonomous region).
pub fn level_of_designation(designation: &str) -> Option<Level> {
    match designation {
        "省" | "自治区" | "特别行政区" => Some(Level::Province),
        "自治州" | "州" | "地区" | "盟" => Some(Level::City),
        "县" | "自治县" | "旗" | "自治旗" | "林区" | "特区" => Some(Level::County),
        "镇" | "乡" | "街道" | "苏木" => Some(Level::Township),
        _ => None,
    }
}

/// A name with x placeholders (`xx镇`) names no place.
pub fn is_masked(name: &str) -> bool {
    name.chars()
        .any(|c| matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ' | '×' | '*' | '＊'))
}

/// The level of a named place: the gazetteer's when it knows the name, else the designation's.
pub fn level_of(name: &str) -> Option<Level> {
    if name == "全国" {
        return Some(Level::National);
    }
    let known = gazetteer::by_full(name);
    if let Some(first) = known.first() {
        return known
            .iter()
            .all(|e| e.level == first.level)
            .then_some(first.level);
    }
    let (_, d) = split(name)?;
    match d {
        "区" => Some(Level::County),
        d => level_of_designation(d),
    }
}

fn unique_full(entries: &[&'static Entry]) -> Option<&'static str> {
    let first = entries.first()?;
    entries
        .iter()
        .all(|e| e.full == first.full)
        .then_some(first.full)
}

/// The full name of a bare short name (`河南`) at `level`: for a name the gazetteer holds at
/// several levels (the province 河南省 and the county 河南蒙古族自治县), once the text has said
/// which.
pub fn normalise_at_level(name: &str, level: Level) -> Option<String> {
    let at: Vec<&'static Entry> = gazetteer::by_short(name.trim())
        .into_iter()
        .filter(|e| e.level == level)
        .collect();
    unique_full(&at).map(String::from)
}

/// The normal form of a place name as written: the innermost unit of a chain
/// (`河北省保定市` → `保定市`), the full official name of an abbreviation the gazetteer knows
/// (`甘孜州` → `甘孜藏族自治州`, `贵州` → `贵州省`). `None` for a masked or unparseable name.
pub fn normalise(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() || is_masked(name) {
        return None;
    }
    if name == "全国" {
        return Some(name.to_string());
    }
    // Drop leading units of a chain: each pass removes a known full name from the front.
    let mut rest = name;
    for _ in 0..4 {
        let Some(head) = gazetteer::longest_full_prefix(rest) else {
            break;
        };
        let tail = &rest[head.len()..];
        if tail.chars().count() >= 2 && split(tail).is_some() {
            rest = tail;
        } else {
            break;
        }
    }
    if !gazetteer::by_full(rest).is_empty() {
        return Some(rest.to_string());
    }
    // An abbreviated designation (`甘孜州`) or none at all (`贵州`, `巴中`).
    if let Some((stem, d)) = split(rest) {
        let same_class: Vec<&'static Entry> = gazetteer::by_short(stem)
            .into_iter()
            .filter(|e| e.class() == class(d))
            .collect();
        if let Some(full) = unique_full(&same_class) {
            return Some(full.to_string());
        }
        if stem.chars().count() >= 2 {
            // A name the gazetteer does not know (a town, a renamed county) stays as written,
            // unless it names a zone rather than a government (`经济开发区`, `产业园区`).
            const ZONES: &[&str] = &["开发", "高新", "示范", "园", "产业", "实验", "试验", "合作"];
            let zone = ZONES.iter().any(|z| stem.ends_with(z));
            return (!zone).then(|| rest.to_string());
        }
        if gazetteer::by_short(rest).is_empty() {
            // `全市`, `我县`, `本镇`: a one-character stem is a word, not a name.
            return None;
        }
    }
    unique_full(&gazetteer::by_short(rest)).map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_designations() {
        assert_eq!(split("甘孜藏族自治州"), Some(("甘孜", "自治州")));
        assert_eq!(split("恩施土家族苗族自治州"), Some(("恩施", "自治州")));
        assert_eq!(split("宁夏回族自治区"), Some(("宁夏", "自治区")));
        assert_eq!(split("新疆维吾尔自治区"), Some(("新疆", "自治区")));
        assert_eq!(split("海拉尔区"), Some(("海拉尔", "区")));
        assert_eq!(split("莲花街道"), Some(("莲花", "街道")));
        assert_eq!(split("区"), None);
    }

    #[test]
    fn normal_forms() {
        assert_eq!(normalise("贵州").as_deref(), Some("贵州省"));
        assert_eq!(normalise("宁夏").as_deref(), Some("宁夏回族自治区"));
        assert_eq!(normalise("甘孜州").as_deref(), Some("甘孜藏族自治州"));
        assert_eq!(normalise("延边州").as_deref(), Some("延边朝鲜族自治州"));
        assert_eq!(normalise("呼伦贝尔市海拉尔区").as_deref(), Some("海拉尔区"));
        assert_eq!(
            normalise("四川省凉山彝族自治州").as_deref(),
            Some("凉山彝族自治州")
        );
        assert_eq!(normalise("浙江省湖州市").as_deref(), Some("湖州市"));
        // Towns are not in the gazetteer: kept as written; masked names are no name.
        assert_eq!(normalise("青溪镇").as_deref(), Some("青溪镇"));
        assert_eq!(normalise("xx镇"), None);
        assert_eq!(normalise("全市"), None);
        assert_eq!(normalise("我县"), None);
        assert_eq!(normalise("经济技术开发区"), None);
        // One-character stems the gazetteer knows are names.
        assert_eq!(normalise("沙县").as_deref(), Some("沙县"));
        assert_eq!(normalise("全国").as_deref(), Some("全国"));
    }

    #[test]
    fn levels() {
        assert_eq!(level_of("全国"), Some(Level::National));
        assert_eq!(level_of("广西壮族自治区"), Some(Level::Province));
        assert_eq!(level_of("重庆市"), Some(Level::Province));
        assert_eq!(level_of("绵阳市"), Some(Level::City));
        assert_eq!(level_of("黔东南苗族侗族自治州"), Some(Level::City));
        assert_eq!(level_of("仙桃市"), Some(Level::County));
        assert_eq!(level_of("昆都仑区"), Some(Level::County));
        assert_eq!(level_of("鄂温克族自治旗"), Some(Level::County));
        assert_eq!(level_of("白塔乡"), Some(Level::Township));
        // A renamed county the gazetteer no longer lists is still a county by its designation.
        assert_eq!(level_of("某某县"), Some(Level::County));
        // An unknown city could be prefecture- or county-level: no guess.
        assert_eq!(level_of("某某市"), None);
    }
}
