using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;

namespace ThuliumPS.Core.Tests.Bulk;

public sealed class BatchPlannerTests
{
    private static List<PlannedBatch<string>> Plan(FakeEndpoint endpoint, BulkOptions options, params string[] items)
    {
        var planner = new BatchPlanner<string>(endpoint, options);
        var batches = items.SelectMany((item, i) => planner.Add(new PlannedItem<string>(i, item))).ToList();
        batches.AddRange(planner.Flush());
        return batches;
    }

    private static string[][] Texts(IEnumerable<PlannedBatch<string>> batches) => batches.Select(b => b.Items.Select(i => i.Item).ToArray()).ToArray();

    [Fact]
    public void Splits_by_batch_size_and_sends_a_full_batch_at_once()
    {
        var endpoint = new FakeEndpoint();
        var planner = new BatchPlanner<string>(endpoint, new BulkOptions { BatchSize = 2 });

        Assert.Empty(planner.Add(new PlannedItem<string>(0, "a")));
        var full = Assert.Single(planner.Add(new PlannedItem<string>(1, "b")));
        Assert.Equal(["a", "b"], full.Items.Select(i => i.Item));
        Assert.Empty(planner.Add(new PlannedItem<string>(2, "c")));
        Assert.Equal(["c"], Assert.Single(planner.Flush()).Items.Select(i => i.Item));
    }

    [Fact]
    public void Splits_by_url_length_at_the_exact_boundary()
    {
        // base 10 + 3 × 30 = 100 fits a limit of 100 exactly; one character more opens a second request.
        var endpoint = new FakeEndpoint(baseLength: 10);
        var options = new BulkOptions { MaxUrlLength = 100 };
        string a = new('a', 30), b = new('b', 30), c = new('c', 30);

        Assert.Single(Plan(endpoint, options, a, b, c));
        Assert.Equal([[a, b], [c + "c"]], Texts(Plan(endpoint, options, a, b, c + "c")));
    }

    [Fact]
    public void An_item_too_long_for_the_limit_still_goes_alone()
    {
        var huge = new string('h', 500);

        var batches = Plan(new FakeEndpoint(), new BulkOptions { MaxUrlLength = 100 }, "a", huge, "b");

        Assert.Equal([["a"], [huge], ["b"]], Texts(batches));
    }

    [Fact]
    public void Groups_travel_separately_and_flush_in_first_appearance_order()
    {
        var batches = Plan(new FakeEndpoint(), new BulkOptions(), "g2:a", "g1:b", "g2:c", "g1:d");

        Assert.Equal([["g2:a", "g2:c"], ["g1:b", "g1:d"]], Texts(batches));
        Assert.Equal(["g2", "g1"], batches.Select(b => b.GroupKey));
    }

    [Fact]
    public void Endpoints_without_batches_get_one_item_per_request()
    {
        var batches = Plan(new FakeEndpoint(supportsBatches: false), new BulkOptions { BatchSize = 50 }, "a", "b", "c");

        Assert.Equal([["a"], ["b"], ["c"]], Texts(batches));
    }

    [Fact]
    public void Repeated_items_are_sent_once_and_remembered_as_duplicates()
    {
        var batch = Assert.Single(Plan(new FakeEndpoint(), new BulkOptions(), "13", "14", "13", "13"));

        Assert.Equal(["13", "14"], batch.Items.Select(i => i.Item));
        Assert.Equal([(2, 0), (3, 0)], batch.Duplicates.Select(d => (d.InputIndex, d.OriginalInputIndex)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Batch_size_outside_1_to_1000_is_refused(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulkOptions { BatchSize = size });
    }
}
