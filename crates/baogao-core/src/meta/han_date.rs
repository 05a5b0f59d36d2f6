//! Dates written in Chinese numerals, as titles and session lines of official documents write
//! them (`二〇二五年工作计划`, `二〇二四年一月十日在…会议上`), rewritten in Arabic digits so that
//! the year and date rules read them as they read `2025年` and `2024年1月10日`.

use std::borrow::Cow;

/// A digit of a year written digit by digit: `二〇二五`, `二零二五`, `二○二五` (a circle for zero).
fn year_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'Ｏ' | 'O' | 'o' | '０' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// `s` with every year written in Chinese digits (four of them, then `年`) in Arabic digits, and
/// the month and day that follow it (`一月十日` → `1月10日`). Borrowed when there is none.
pub fn arabic_dates(s: &str) -> Cow<'_, str> {
    if !s.contains('年') {
        return Cow::Borrowed(s);
    }
    let c: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut done = 0;
    let mut i = 0;
    while i + 4 < c.len() {
        // Four digits after no other, then 年, making a year from 1900 to 2099.
        let starts = c[i + 4] == '年' && (i == 0 || year_digit(c[i - 1]).is_none());
        let year = c[i..i + 4]
            .iter()
            .try_fold(0, |y, &d| Some(y * 10 + year_digit(d)?))
            .filter(|y| starts && (1900..2100).contains(y));
        let Some(year) = year else {
            i += 1;
            continue;
        };
        out.extend(&c[done..i]);
        out.push_str(&format!("{year}年"));
        i += 5;
        // A month, then a day, each only after what comes before it.
        for (unit, max) in [('月', 12), ('日', 31)] {
            // `十`, `十二`, `二十三`: at most three chars before the unit, read as headings read them.
            let Some(len) = (1..=3).find(|&n| c.get(i + n) == Some(&unit)) else {
                break;
            };
            let counted: String = c[i..i + len].iter().collect();
            match crate::marker::han_number(&counted) {
                Some(n) if n <= max => {
                    out.push_str(&format!("{n}{unit}"));
                    i += len + 1;
                }
                _ => break,
            }
        }
        done = i;
    }
    if done == 0 {
        return Cow::Borrowed(s);
    }
    out.extend(&c[done..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_months_and_days_in_chinese_become_digits() {
        assert_eq!(
            arabic_dates("红星街道二〇二五年工作计划"),
            "红星街道2025年工作计划"
        );
        assert_eq!(arabic_dates("二○二四年一月十日"), "2024年1月10日");
        assert_eq!(
            arabic_dates("二零一九年十二月三十一日在大会上"),
            "2019年12月31日在大会上"
        );
        assert_eq!(arabic_dates("二〇二三年二月二十三日"), "2023年2月23日");
        assert_eq!(arabic_dates("一九七八年工作"), "1978年工作");
        assert_eq!(arabic_dates("二O二二年三月"), "2022年3月");
    }

    #[test]
    fn other_numerals_stay() {
        for s in [
            "2024年工作报告",
            "第十四届人民代表大会第二次会议",
            "十四五时期",
            "五年来",
            // Five digits before 年, and a year no report has.
            "一二〇二五年",
            "三〇二五年",
            "二〇二五",
            // A month past twelve, a day past 31: the year alone changes.
            "二〇二五年十三月",
        ] {
            let got = arabic_dates(s);
            if s == "二〇二五年十三月" {
                assert_eq!(got, "2025年十三月");
            } else {
                assert_eq!(got, s, "{s}");
            }
        }
    }
}
