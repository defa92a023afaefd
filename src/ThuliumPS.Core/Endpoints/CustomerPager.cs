using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ThuliumPS.Core.Diagnostics;
using ThuliumPS.Core.Models;

namespace ThuliumPS.Core.Endpoints;

/// <summary>
/// Walks GET customers page by page with limit/offset, one request per <see cref="NextAsync"/>, so a caller can
/// write each page before the next is asked for: memory holds one page, whatever the number of customers.
/// </summary>
/// <remarks>
/// When to stop: the docs' GET customers page is cut off before it says how paging ends, so both signals are used.
/// With a <c>count</c> in the answer, reading goes on until that many were read (a server that silently returns
/// fewer than the limit asked for does not end the listing early); without one, a page shorter than the limit is
/// the last. An empty page always ends it, and so does reaching <c>first</c>, whose last page asks only for the
/// customers still wanted, so no extra request is made and none is read past the cap.
/// </remarks>
public sealed class CustomerPager
{
    private readonly CustomerReader reader;
    private readonly CustomerFilter? filter;
    private readonly int pageSize;
    private readonly long? first;
    private readonly IEngineLog log;
    private long offset;
    private long? firstCount;

    /// <summary>Creates the pager; nothing is sent until <see cref="NextAsync"/>.</summary>
    /// <param name="reader">The reader (and so the connection).</param>
    /// <param name="filter">The filters (null: every customer).</param>
    /// <param name="pageSize">Customers per request, 1–1000.</param>
    /// <param name="first">The most customers to read (null: all).</param>
    /// <param name="log">Where a warning goes when the matching set changes while it is read.</param>
    public CustomerPager(CustomerReader reader, CustomerFilter? filter, int pageSize = CustomerReader.DefaultPageSize, long? first = null, IEngineLog? log = null)
    {
        this.reader = reader ?? throw new ArgumentNullException(nameof(reader));
        if (pageSize is < 1 or > CustomerReader.MaxPageSize) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size is 1 to 1000.");
        if (first is < 0) throw new ArgumentOutOfRangeException(nameof(first), first, "First cannot be negative.");
        this.filter = filter;
        this.pageSize = pageSize;
        this.first = first;
        this.log = log ?? NullEngineLog.Instance;
        IsComplete = first == 0;
    }

    /// <summary>True when there is nothing more to read.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Customers read so far.</summary>
    public long Read { get; private set; }

    /// <summary>Requests sent so far.</summary>
    public int Requests { get; private set; }

    /// <summary>The server's count of matching customers from the first page (null before it, or when the answer has none).</summary>
    public long? TotalCount => firstCount;

    /// <summary>The next page's customers, or an empty list once <see cref="IsComplete"/>.</summary>
    /// <exception cref="Http.ThuliumAuthenticationException">401/403.</exception>
    /// <exception cref="Http.ThuliumRequestException">The page could not be read (the listing cannot go on).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<IReadOnlyList<CustomerRecord>> NextAsync(CancellationToken cancellationToken)
    {
        if (IsComplete)
        {
            return [];
        }

        var limit = first is { } cap ? (int)Math.Min(pageSize, cap - Read) : pageSize;
        var page = await reader.GetPageAsync(filter, offset, limit, cancellationToken).ConfigureAwait(false);
        Requests++;
        var customers = page.Customers;
        if (customers.Count > limit)
        {
            // A server that ignores limit must not push the listing past -First, nor make later offsets skip.
            customers = Take(customers, limit);
        }

        WarnIfTheSetChanged(page.Count);
        offset += customers.Count;
        Read += customers.Count;
        IsComplete = customers.Count == 0
                     || (first is { } most && Read >= most)
                     || (page.Count is { } count ? offset >= count : customers.Count < limit);
        return customers;
    }

    // Paging is by offset, so customers added or removed while the listing runs (e.g. by a Remove-ThuliumCustomer
    // further down the same pipeline) shift later pages: some are skipped or read twice. Nothing in the API allows
    // a stable cursor, so the change is said out loud rather than hidden.
    private void WarnIfTheSetChanged(long? count)
    {
        if (Requests == 1)
        {
            firstCount = count;
            return;
        }

        if (count is { } now && firstCount is { } then && now != then)
        {
            log.Warning(string.Format(
                CultureInfo.InvariantCulture,
                "The number of matching customers changed from {0} to {1} while they were being read (paging is by offset): some customers may have been skipped or listed twice. " +
                "To change or remove the customers you list, collect them first, e.g. $c = @(Get-ThuliumCustomer …); $c | Remove-ThuliumCustomer.",
                then,
                now));
            firstCount = now;
        }
    }

    private static IReadOnlyList<CustomerRecord> Take(IReadOnlyList<CustomerRecord> customers, int count)
    {
        var taken = new List<CustomerRecord>(count);
        for (var i = 0; i < count; i++)
        {
            taken.Add(customers[i]);
        }

        return taken;
    }
}
