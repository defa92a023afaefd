using System.Net.Http;
using ThuliumPS.Core.Http;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>How a request is named in -Verbose lines: a read without items names no count.</summary>
public sealed class RequestLogSubjectTests
{
    [Theory]
    [InlineData("GET customers", 0, "GET customers")]
    [InlineData("DELETE batch/customers", 1, "DELETE batch/customers (1 item)")]
    [InlineData("POST batch/customers", 100, "POST batch/customers (100 items)")]
    public void Names_the_items_a_batch_carries_and_none_for_a_read(string description, int items, string expected) =>
        Assert.Equal(expected, new ThuliumRequest(HttpMethod.Get, "customers", null, description, items).LogSubject);
}
