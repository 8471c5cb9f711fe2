//! Confidence intervals of accuracies measured on a finite number of clips.

/// The 95 % Wilson score interval of a proportion `p` observed on `n`
/// trials, as (low, high). Unlike the normal approximation it stays inside
/// [0, 1] and is sensible at p = 1 (a 16/16 agreement) and for small n.
pub fn wilson95(p: f64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n = n as f64;
    let z2n = z * z / n;
    let centre = (p + z2n / 2.0) / (1.0 + z2n);
    let half = z / (1.0 + z2n) * (p * (1.0 - p) / n + z2n / (4.0 * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// `86.6 [84.1–88.8]`: the accuracy and its interval, in percent.
pub fn percent_with_interval(p: f64, n: u64) -> String {
    let (lo, hi) = wilson95(p, n);
    format!("{:.1} [{:.1}–{:.1}]", 100.0 * p, 100.0 * lo, 100.0 * hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_intervals() {
        // 50/100: the textbook example; 16/16: the closed form n / (n + z^2), high 1.
        let (lo, hi) = wilson95(0.5, 100);
        assert!((lo - 0.403_832).abs() < 1e-5 && (hi - 0.596_168).abs() < 1e-5);
        let (lo, hi) = wilson95(1.0, 16);
        assert!((lo - 0.806_392).abs() < 1e-5 && hi == 1.0, "{lo} {hi}");
        assert_eq!(wilson95(0.0, 0), (0.0, 1.0));
    }

    #[test]
    fn the_interval_narrows_with_more_clips() {
        let width = |n| {
            let (lo, hi) = wilson95(0.85, n);
            hi - lo
        };
        assert!(width(800) < width(200) && width(200) < width(16));
        // 800 validation clips at 85 %: about +-2.5 points (one standard error 1.3).
        assert!((width(800) / 2.0 - 0.0247).abs() < 1e-3, "{}", width(800));
    }

    #[test]
    fn formatted_in_percent() {
        assert_eq!(percent_with_interval(0.5, 100), "50.0 [40.4–59.6]");
    }
}
