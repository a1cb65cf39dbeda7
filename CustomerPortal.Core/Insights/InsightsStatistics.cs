namespace CustomerPortal.Core.Insights;

/// <summary>
/// The statistics the figures use, worked out on values already read (SQLite has no median). A year of invoices is a few
/// hundred thousand durations, so the middle value is found by selection (linear time) rather than by sorting them all.
/// </summary>
public static class InsightsStatistics
{
    /// <summary>The middle value; for an even count the mean of the two middle ones. Null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var all = values.ToArray();
        if (all.Length == 0) return null;
        var middle = all.Length / 2;
        var upper = Select(all, middle);
        if (all.Length % 2 == 1) return upper;
        // Selection leaves every value before the middle at or below it, so the lower middle one is the largest of those.
        var lower = all[0];
        for (var i = 1; i < middle; i++)
            if (all[i] > lower) lower = all[i];
        return (lower + upper) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value that at least <paramref name="percent"/>% of the values are at or
    /// below (of 10 values the 9th for p90). Null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double percent)
    {
        var all = values.ToArray();
        if (all.Length == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100 * all.Length);
        return Select(all, Math.Clamp(rank, 1, all.Length) - 1);
    }

    /// <summary>Part of a whole in percent; null when the whole is zero.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;

    /// <summary>
    /// The value that would be at <paramref name="k"/> (from 0) if <paramref name="values"/> were sorted; reorders them so
    /// that every value before k is at or below it and every value after it at or above.
    /// </summary>
    private static double Select(double[] values, int k)
    {
        int low = 0, high = values.Length - 1;
        while (low < high)
        {
            var pivot = MiddleOfThree(values[low], values[low + (high - low) / 2], values[high]);
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i > j) break;
                (values[i], values[j]) = (values[j], values[i]);
                i++;
                j--;
            }
            if (k <= j) high = j;
            else if (k >= i) low = i;
            else return values[k];
        }
        return values[k];
    }

    private static double MiddleOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
