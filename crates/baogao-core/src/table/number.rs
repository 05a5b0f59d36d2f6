//! Numbers and units as a table shows them: one rule for writing a number, and the base unit a
//! figure is compared in.

/// A number as a person writes it — the one rule every table cell follows: whole numbers
/// without a point (`102`), at most six decimals with trailing zeros dropped (`6.08`, not
/// `6.080000001`), never an exponent, `-0` as `0`.
///
/// ```
/// use baogao_core::table::format_number;
/// assert_eq!(format_number(102.0), "102");
/// assert_eq!(format_number(6.080000001), "6.08");
/// assert_eq!(format_number(0.1 + 0.2), "0.3");
/// assert_eq!(format_number(-7.0), "-7");
/// ```
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A decimal numeral with its point moved `by` places (`by` > 0: multiply by 10^by), done on the
/// digits so no float noise appears: `shift_decimal("17575", -4)` is `1.7575`.
pub fn shift_decimal(numeral: &str, by: i32) -> String {
    let (sign, digits) = match numeral.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", numeral),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all: String = format!("{int}{frac}");
    // Position of the point counted from the left of `all`.
    let point = int.len() as i64 + i64::from(by);
    let (mut int, frac) = if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        ("0".to_string(), format!("{zeros}{all}"))
    } else if point as usize >= all.len() {
        let zeros = "0".repeat(point as usize - all.len());
        (format!("{all}{zeros}"), String::new())
    } else {
        let (i, f) = all.split_at(point as usize);
        (i.to_string(), f.to_string())
    };
    let trimmed = int.trim_start_matches('0');
    int = if trimmed.is_empty() { "0" } else { trimmed }.to_string();
    let frac = frac.trim_end_matches('0');
    let body = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    if body == "0" {
        body
    } else {
        format!("{sign}{body}")
    }
}

/// Magnitude prefixes of units as powers of ten, longest first (as the figure reader writes
/// them: `万亿元`, `千万元`, `万吨`).
const MAGNITUDES: &[(&str, i32)] = &[
    ("万亿", 12),
    ("千万", 7),
    ("百万", 6),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
];

/// Base units that begin with a magnitude character: `千瓦` is not 千 × 瓦.
const KILO_BASES: &[&str] = &["千瓦时", "千瓦", "千米", "千克"];

/// A unit split into its magnitude and base: `万元` → (4, `元`), `万千瓦` → (4, `千瓦`),
/// `%` → (0, `%`). A bare magnitude (`万`) has the empty base.
pub fn split_unit(unit: &str) -> (i32, &str) {
    if KILO_BASES.iter().any(|b| unit.starts_with(b)) {
        return (0, unit);
    }
    for (m, exp) in MAGNITUDES {
        if let Some(base) = unit.strip_prefix(m) {
            return (*exp, base);
        }
    }
    (0, unit)
}

/// How a value is compared across units: its group (the base unit) and the value in it.
///
/// Groups come in a fixed order — money (`元`), then rates (`%`, `‰`, `个百分点`, `倍`), then
/// people (`人`, `人次`), then every other base unit by code point — so a sort by value keeps
/// like with like, and inside a group `8260万元` sorts below `9.7亿元` and above `24310元`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity<'a> {
    /// Rank of the group (see above), then the base unit itself.
    pub group: (u8, &'a str),
    /// The value in the base unit (`8260万元` → 82 600 000 元).
    pub base_value: f64,
}

/// The comparable quantity of `value` written in `unit` (`None` unit: a bare number).
pub fn quantity(value: f64, unit: Option<&str>) -> Quantity<'_> {
    let (exp, base) = split_unit(unit.unwrap_or(""));
    let rank = match base {
        "元" => 0,
        "%" => 1,
        "‰" => 2,
        "个百分点" => 3,
        "倍" => 4,
        "人" => 5,
        "人次" => 6,
        _ => 7,
    };
    Quantity {
        group: (rank, base),
        base_value: value * 10f64.powi(exp),
    }
}

/// The value in 亿元 for yuan amounts of 万元 and up (`17575万元` → `1.7575`), written by the
/// rule of [`format_number`] with the point moved on the digits (no float noise). Amounts in
/// 元 or 千元 are per-head or small sums that would read as `0.000…`: `None`.
pub fn yi_yuan_text(value: f64, unit: &str) -> Option<String> {
    let (exp, base) = split_unit(unit);
    if base != "元" || exp < 4 {
        return None;
    }
    Some(shift_decimal(&format_number(value), exp - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_one_rule() {
        assert_eq!(format_number(17575.0), "17575");
        assert_eq!(format_number(6.08), "6.08");
        assert_eq!(format_number(6.0800000001), "6.08");
        assert_eq!(format_number(-0.0000001), "0");
        assert_eq!(format_number(1e16), "10000000000000000");
        assert_eq!(format_number(0.123456), "0.123456");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn decimal_shift_is_exact() {
        assert_eq!(shift_decimal("17575", -4), "1.7575");
        assert_eq!(shift_decimal("12.3456", -4), "0.00123456");
        assert_eq!(shift_decimal("2.79", 4), "27900");
        assert_eq!(shift_decimal("0.5", -1), "0.05");
        assert_eq!(shift_decimal("-3.2", 1), "-32");
        assert_eq!(shift_decimal("100", -2), "1");
        assert_eq!(shift_decimal("0", -4), "0");
    }

    #[test]
    fn units_split_into_magnitude_and_base() {
        assert_eq!(split_unit("万亿元"), (12, "元"));
        assert_eq!(split_unit("亿元"), (8, "元"));
        assert_eq!(split_unit("万千瓦"), (4, "千瓦"));
        assert_eq!(split_unit("千瓦时"), (0, "千瓦时"));
        assert_eq!(split_unit("千万元"), (7, "元"));
        assert_eq!(split_unit("%"), (0, "%"));
        assert_eq!(split_unit("万"), (4, ""));
    }

    #[test]
    fn yuan_amounts_compare_in_one_base() {
        let yi = quantity(9.7, Some("亿元"));
        let wan = quantity(8260.0, Some("万元"));
        let yuan = quantity(24310.0, Some("元"));
        assert_eq!(yi.group, wan.group);
        assert_eq!(wan.group, yuan.group);
        assert!(yi.base_value > wan.base_value && wan.base_value > yuan.base_value);
        assert!(quantity(5.0, Some("%")).group > yi.group);
        assert!(quantity(3.0, Some("万人")).group > quantity(5.0, Some("倍")).group);
        assert_eq!(
            quantity(3.0, Some("万人")).base_value,
            quantity(30000.0, Some("人")).base_value
        );
    }

    #[test]
    fn yi_yuan_only_for_large_yuan_units() {
        assert_eq!(yi_yuan_text(17575.0, "万元").as_deref(), Some("1.7575"));
        assert_eq!(yi_yuan_text(2.79, "万亿元").as_deref(), Some("27900"));
        assert_eq!(yi_yuan_text(38.6, "亿元").as_deref(), Some("38.6"));
        assert_eq!(yi_yuan_text(24310.0, "元"), None);
        assert_eq!(yi_yuan_text(5.0, "万吨"), None);
        assert_eq!(yi_yuan_text(5.0, "亿美元"), None);
    }
}
