using System.Net;
using System.Text;
using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Connection;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Client;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>Builds exchanges from JSON text, so response mapping can be tested without HTTP.</summary>
internal static class MappingFixtures
{
    public static ThuliumExchange Answer(ThuliumRequest request, int status, string json, int attempts = 1, bool earlierMayHaveActed = false, TimeSpan? retryAfter = null)
        => ThuliumExchange.ForTest(request, status, Encoding.UTF8.GetBytes(json), attempts, earlierMayHaveActed, retryAfter);

    /// <summary>Planned items with input indexes 10, 11, … (so a mix-up with positions shows).</summary>
    public static IReadOnlyList<PlannedItem<T>> Planned<T>(params T[] items)
        => items.Select((item, i) => new PlannedItem<T>(i + 10, item)).ToArray();

    /// <summary>A client that is never used to send: endpoints built over it only build requests and map answers.</summary>
    public static ThuliumClient LocalClient { get; } = new(LocalSettings());

    /// <summary>
    /// The outcomes <paramref name="endpoint"/> maps from an answer with <paramref name="status"/> and
    /// <paramref name="json"/> to its own request for <paramref name="items"/> of <paramref name="group"/>.
    /// </summary>
    public static IReadOnlyList<ItemOutcome> MapAnswer<T>(BatchEndpoint<T> endpoint, int status, string json, IReadOnlyList<PlannedItem<T>> items, string group = "", int attempts = 1, bool earlierMayHaveActed = false, TimeSpan? retryAfter = null)
        => endpoint.Map(Answer(endpoint.BuildRequest(group, items), status, json, attempts, earlierMayHaveActed, retryAfter), items);

    /// <summary>Settings for a client that is never used to send (pure tests).</summary>
    public static ThuliumConnectionSettings LocalSettings(string baseUri = "http://127.0.0.1:9/api/")
        => ThuliumConnectionSettings.ForBaseUri(new Uri(baseUri), new NetworkCredential("api_user", "api_pass")) with { AllowUnencryptedAuthentication = true };
}
