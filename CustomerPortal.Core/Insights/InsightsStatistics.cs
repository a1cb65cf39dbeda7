namespace CustomerPortal.Core.Insights;

/// <summary>The statistics the figures use, worked out on rows already read (SQLite has no median).</summary>
public static class InsightsStatistics
{
    /// <summary>The middle value; for an even count the mean of the two middle ones. Null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value that at least <paramref name="percent"/>% of the values are at or
    /// below (of 10 values the 9th for p90). Null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Part of a whole in percent; null when the whole is zero.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;
}
