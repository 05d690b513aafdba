//! Swedish personal identity numbers (personnummer and samordningsnummer):
//! the format and the check digit, nothing more. The number is stored on the
//! server only, normalised to `YYYYMMDD-NNNC`.

/// The normalised number (`YYYYMMDD-NNNC`), or `None` when it is not a
/// well-formed number with a correct check digit. Accepts `YYYYMMDDNNNC`,
/// `YYYYMMDD-NNNC` and `YYMMDD-NNNC` (read as this century or the last,
/// whichever is not in the future relative to `this_year`).
pub fn normalise(input: &str, this_year: i32) -> Option<String> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let other = input
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '-' && *c != '+' && !c.is_whitespace())
        .count();
    if other > 0 {
        return None;
    }
    let full = match digits.len() {
        12 => digits,
        10 => {
            let yy: i32 = digits[..2].parse().ok()?;
            let century = if 2000 + yy <= this_year { 2000 } else { 1900 };
            // "+" marks someone 100 or older.
            let century = if input.contains('+') {
                century - 100
            } else {
                century
            };
            format!("{}{}", century / 100, digits)
        }
        _ => return None,
    };
    let month: u32 = full[4..6].parse().ok()?;
    let day: u32 = full[6..8].parse().ok()?;
    // Samordningsnummer add 60 to the day.
    let day = if day > 60 { day - 60 } else { day };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if !luhn(&full[2..]) {
        return None;
    }
    Some(format!("{}-{}", &full[..8], &full[8..]))
}

/// The Luhn check over ten digits.
fn luhn(ten: &str) -> bool {
    let sum: u32 = ten
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let d = if i % 2 == 0 { d * 2 } else { d };
            if d > 9 { d - 9 } else { d }
        })
        .sum();
    ten.len() == 10 && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn accepts_the_forms_in_use_and_checks_the_digit() {
        // Skatteverket's published test numbers (not real people).
        assert_eq!(
            normalise("19121212-1212", 2026).as_deref(),
            Some("19121212-1212")
        );
        assert_eq!(
            normalise("191212121212", 2026).as_deref(),
            Some("19121212-1212")
        );
        assert_eq!(
            normalise("121212-1212", 2026).as_deref(),
            Some("20121212-1212")
        );
        assert_eq!(
            normalise("121212+1212", 2026).as_deref(),
            Some("19121212-1212")
        );
        assert_eq!(normalise("19121212-1213", 2026), None, "wrong check digit");
        assert_eq!(normalise("19121312-1212", 2026), None, "month 13");
        assert_eq!(normalise("1912121a-1212", 2026), None);
        assert_eq!(normalise("", 2026), None);
    }
}
