using ThuliumPS.Core.Bulk;
using ThuliumPS.Core.Endpoints;
using ThuliumPS.Core.Http;
using ThuliumPS.Core.Models;
using Xunit;
using static ThuliumPS.Core.Tests.Engine.MappingFixtures;
using ThuliumPS.Core.Outcomes;

namespace ThuliumPS.Core.Tests.Engine;

/// <summary>JSON text → outcomes, without HTTP.</summary>
public sealed class ResponseMappingTests
{
    [Fact]
    public void Delete_customers_documented_answer_with_trailing_comma_maps_per_id()
    {
        // Verbatim from the docs, including the trailing comma after "http_status": 204.
        const string json = """
            {
                "13": {
                    "http_status": 204,
                },
                "14": {
                    "http_status": 404,
                    "message": "Customer not found."
                }
            }
            """;
        var items = Planned(13L, 14L);
        var outcomes = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 207, json, items);

        Assert.Equal(OutcomeKind.Succeeded, outcomes[0].Kind);
        Assert.Equal(OutcomeStatuses.Deleted, outcomes[0].Status);
        Assert.Equal(204, outcomes[0].HttpStatus);
        Assert.Equal(10, outcomes[0].InputIndex);
        Assert.Equal(OutcomeKind.Failed, outcomes[1].Kind);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.Equal("Customer not found.", outcomes[1].Message);
        Assert.Equal(11, outcomes[1].InputIndex);
    }

    [Fact]
    public void Create_customers_reads_customer_id_as_string_or_number_and_item_failures()
    {
        const string json = """{"0": {"http_status": 201, "customer_id": "13"}, "1": {"http_status": 400, "message": "Phone number must be numeric."}, "2": {"http_status": 201, "customer_id": 14}}""";
        var items = Planned(new CustomerDraft { Surname = "A" }, new CustomerDraft { Surname = "B" }, new CustomerDraft { Surname = "C" });
        var outcomes = MapAnswer(new CreateCustomersEndpoint(LocalClient), 207, json, items);

        Assert.Equal(13, outcomes[0].ReturnedId);
        Assert.Equal(OutcomeStatuses.Created, outcomes[0].Status);
        Assert.Equal(OutcomeKind.Failed, outcomes[1].Kind);
        Assert.Equal(FailureReason.Rejected, outcomes[1].Reason);
        Assert.Equal("Phone number must be numeric.", outcomes[1].Message);
        Assert.Equal(400, outcomes[1].HttpStatus);
        Assert.Equal(14, outcomes[2].ReturnedId);
        Assert.True(outcomes[2].Succeeded);
    }

    // An id in a string is parsed from the raw bytes when it is plain digits, and through a string otherwise; both
    // ways must read the same values, and refuse the same ones.
    [Theory]
    [InlineData("\"13\"", 13L)]
    [InlineData("\"007\"", 7L)]
    [InlineData("\"-5\"", null)] // read as -5, which is no customer id: Created without an id (see below)
    [InlineData("\"+13\"", 13L)]
    [InlineData("\" 13 \"", 13L)]
    [InlineData("\"\\u0031\\u0033\"", 13L)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    [InlineData("\"9223372036854775808\"", null)]
    [InlineData("\"12a\"", null)]
    [InlineData("\"1.0\"", null)]
    [InlineData("\"\"", null)]
    public void Create_customers_reads_an_id_sent_as_a_string_like_the_number_it_spells(string idJson, long? expected)
    {
        var json = """{"0": {"http_status": 201, "customer_id": """ + idJson + "}}";
        var outcome = MapAnswer(new CreateCustomersEndpoint(LocalClient), 207, json, Planned(new CustomerDraft { Surname = "A" }))[0];

        Assert.True(outcome.Succeeded);
        Assert.Equal(expected, outcome.ReturnedId);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    public void A_created_customer_whose_id_is_not_positive_is_created_without_an_id_and_says_so(string id)
    {
        var json = """{"0": {"http_status": 201, "customer_id": """ + id + "}}";
        var outcome = MapAnswer(new CreateCustomersEndpoint(LocalClient), 201, json, Planned(new CustomerDraft { Surname = "A" }))[0];

        Assert.True(outcome.Succeeded);
        Assert.Null(outcome.ReturnedId);
        Assert.Contains("returned " + id + " as the new customer's id", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_keyed_answer_sent_as_a_json_array_is_read_by_position()
    {
        // A PHP server encodes an array with keys 0..n-1 as a JSON list.
        const string json = """[{"http_status": 201, "customer_id": "7"}, {"http_status": 201, "customer_id": "8"}]""";
        var items = Planned(new CustomerDraft { Surname = "A" }, new CustomerDraft { Surname = "B" });
        var outcomes = MapAnswer(new CreateCustomersEndpoint(LocalClient), 200, json, items);

        Assert.Equal(new long?[] { 7, 8 }, outcomes.Select(o => o.ReturnedId));
    }

    [Fact]
    public void Item_the_answer_does_not_mention_fails_as_missing_from_response()
    {
        const string json = """{"13": {"http_status": 204}}""";
        var items = Planned(13L, 99L);
        var outcomes = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 200, json, items);

        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(OutcomeKind.Failed, outcomes[1].Kind);
        Assert.Equal(FailureReason.MissingFromResponse, outcomes[1].Reason);
        Assert.Contains("did not mention", outcomes[1].Message, StringComparison.Ordinal);
        Assert.Contains("99", outcomes[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_and_comments_are_ignored()
    {
        const string json = """
            {
              // a comment
              "441": {"http_status": 200, "record_id": 5235, "status": "REMOVED", "extra": {"nested": [1, 2]}, "when": "2026-01-01"},
              "meta": {"http_status": 200}
            }
            """;
        var items = Planned(new CrmRecordKey("00001", 441));
        var outcomes = MapAnswer(new DeleteCrmRecordsEndpoint(LocalClient), 200, json, items, group: "00001");

        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(5235, outcomes[0].ReturnedId);
        Assert.Equal(ServerStatuses.Removed, outcomes[0].Status);
    }

    [Fact]
    public void Whole_request_error_body_fails_every_item_with_request_id_and_messages()
    {
        const string json = """{"request_id": "53678450401cf", "errors": [{"message": "Wrong format of phone number.", "code": 111111}, {"message": "Duplicated customer name.", "code": 222222}]}""";
        var items = Planned(new CustomerDraft { Surname = "A" }, new CustomerDraft { Surname = "B" });
        var outcomes = MapAnswer(new CreateCustomersEndpoint(LocalClient), 400, json, items);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(OutcomeKind.Failed, o.Kind);
            Assert.Equal(FailureReason.Rejected, o.Reason);
            Assert.Equal("53678450401cf", o.RequestId);
            Assert.Equal(400, o.HttpStatus);
            Assert.Contains("Wrong format of phone number.", o.Message, StringComparison.Ordinal);
            Assert.Contains("Duplicated customer name.", o.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Crm_records_go_by_status_not_http_status()
    {
        const string json = """
            {
            "441": {"http_status": 200, "record_id": 5235, "status": "REMOVED"},
            "442": {"http_status": 404, "status":"NOT_EXIST"},
            "443": {"http_status": 200, "record_id": 77, "status": "CALL_IN_PROGRESS"}
            }
            """;
        var items = Planned(new CrmRecordKey("00001", 441), new CrmRecordKey("00001", 442), new CrmRecordKey("00001", 443));
        var outcomes = MapAnswer(new DeleteCrmRecordsEndpoint(LocalClient), 207, json, items, group: "00001");

        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.Equal(ServerStatuses.NotExist, outcomes[1].Status);
        Assert.Equal(OutcomeKind.Failed, outcomes[2].Kind);
        Assert.Equal(FailureReason.Conflict, outcomes[2].Reason);
        Assert.Equal(ServerStatuses.CallInProgress, outcomes[2].Status);
        Assert.Contains("in a call", outcomes[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_crm_campaign_404_fails_every_item_as_not_found_with_the_server_message()
    {
        var items = Planned(new CrmRecordKey("99999", 441), new CrmRecordKey("99999", 442));
        var outcomes = MapAnswer(new DeleteCrmRecordsEndpoint(LocalClient), 404, """{"request_id": "abc", "errors": [{"message": "Campaign not found.", "code": 404}]}""", items, group: "99999");

        Assert.All(outcomes, o =>
        {
            Assert.Equal(FailureReason.NotFound, o.Reason);
            Assert.Equal(404, o.HttpStatus);
            Assert.Equal("abc", o.RequestId);
            Assert.Contains("Campaign not found.", o.Message, StringComparison.Ordinal);
        });
        Assert.Equal(new[] { 10, 11 }, outcomes.Select(o => o.InputIndex));
    }

    [Fact]
    public void Campaigns_array_maps_statuses_and_already_queued_is_success()
    {
        const string json = """
            [
                {"http_status": 200, "id": "00001", "status": "REMOVAL_QUEUED"},
                {"http_status": 404, "id": "00002", "status": "NOT_EXIST"},
                {"http_status": 400, "id": "00003", "status": "ALREADY_QUEUED"},
                {"http_status": 200, "id": 4, "status": "REMOVAL_QUEUED"}
            ]
            """;
        var items = Planned("00001", "00002", "00003", "00004");
        var outcomes = MapAnswer(new DeleteCampaignsEndpoint(LocalClient, deleteRecordings: true), 207, json, items);

        Assert.Equal(ServerStatuses.RemovalQueued, outcomes[0].Status);
        Assert.True(outcomes[0].Succeeded);
        Assert.Equal(FailureReason.NotFound, outcomes[1].Reason);
        Assert.True(outcomes[2].Succeeded);
        Assert.Equal(ServerStatuses.AlreadyQueued, outcomes[2].Status);
        Assert.Contains("already queued", outcomes[2].Message, StringComparison.Ordinal);
        Assert.True(outcomes[3].Succeeded); // id echoed as the number 4 still matches "00004"
    }

    [Fact]
    public void Already_queued_with_delete_recordings_says_the_recordings_may_not_be_deleted_and_warns_once()
    {
        const string json = """
            [
                {"http_status": 400, "id": "00001", "status": "ALREADY_QUEUED"},
                {"http_status": 400, "id": "00002", "status": "ALREADY_QUEUED"}
            ]
            """;
        var log = new RecordingLog();
        var endpoint = new DeleteCampaignsEndpoint(LocalClient, deleteRecordings: true, log);
        var first = MapAnswer(endpoint, 200, json, Planned("00001", "00002"));
        var second = MapAnswer(endpoint, 200, json, Planned("00001", "00002"), earlierMayHaveActed: true);

        // Still Succeeded: the campaign is on its way out; the recordings are what the earlier request asked.
        Assert.All(first.Concat(second), o => Assert.True(o.Succeeded && o.Status == ServerStatuses.AlreadyQueued));
        Assert.All(first.Concat(second), o => Assert.Contains("recordings may NOT be deleted", o.Message, StringComparison.Ordinal));
        Assert.All(first, o => Assert.DoesNotContain("own first attempt", o.Message, StringComparison.Ordinal));
        Assert.All(second, o => Assert.Contains("own first attempt", o.Message, StringComparison.Ordinal));
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal));
        Assert.Contains("may NOT be deleted", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Already_queued_without_delete_recordings_has_nothing_more_to_do_and_no_warning()
    {
        var log = new RecordingLog();
        var outcome = Assert.Single(MapAnswer(new DeleteCampaignsEndpoint(LocalClient, deleteRecordings: false, log), 200, """[{"http_status": 400, "id": "00001", "status": "ALREADY_QUEUED"}]""", Planned("00001")));

        Assert.True(outcome.Succeeded);
        Assert.EndsWith("nothing more to do.", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Field_group_item_id_as_string_is_returned()
    {
        var items = Planned(new FieldGroupItemDraft(2, 1, new[] { new FieldValue(12, "phone") }));
        var outcomes = MapAnswer(new AddFieldGroupItemEndpoint(LocalClient), 201, """{"item_id": "38"}""", items);

        Assert.Equal(38, Assert.Single(outcomes).ReturnedId);
    }

    [Fact]
    public void Field_group_item_404_error_body_keeps_server_message()
    {
        var items = Planned(new FieldGroupItemDraft(2, 999, new[] { new FieldValue(12, "phone") }));
        var outcomes = MapAnswer(new AddFieldGroupItemEndpoint(LocalClient), 404, """{"request_id": "r1", "errors": [{"message": "Customer not found.", "code": 404}]}""", items);

        var outcome = Assert.Single(outcomes);
        Assert.Equal(FailureReason.NotFound, outcome.Reason);
        Assert.Contains("Customer not found.", outcome.Message, StringComparison.Ordinal);
        Assert.Equal("r1", outcome.RequestId);
    }

    [Fact]
    public void Unreadable_2xx_answer_is_unknown_for_a_create_and_failed_for_a_delete()
    {
        var drafts = Planned(new CustomerDraft { Surname = "A" });
        var created = MapAnswer(new CreateCustomersEndpoint(LocalClient), 200, "<html>oops</html>", drafts);
        Assert.Equal(OutcomeKind.Unknown, created[0].Kind);
        Assert.Equal(FailureReason.OutcomeUnknown, created[0].Reason);

        var ids = Planned(1L);
        var deleted = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 200, "{\"1\": 5}", ids);
        Assert.Equal(OutcomeKind.Failed, deleted[0].Kind);
        Assert.Equal(FailureReason.Transport, deleted[0].Reason);
    }

    [Fact]
    public void Not_found_after_a_retried_lost_answer_counts_as_gone_and_says_the_earlier_attempt_removed_it()
    {
        var items = Planned(13L);
        var outcome = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 200, """{"13": {"http_status": 404, "message": "Customer not found."}}""", items, attempts: 2, earlierMayHaveActed: true)[0];

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.StartsWith("Customer not found. An earlier attempt", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_found_without_an_earlier_attempt_is_a_failure()
    {
        var items = Planned(13L);
        var outcome = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 200, """{"13": {"http_status": 404, "message": "Customer not found."}}""", items, attempts: 1, earlierMayHaveActed: false)[0];

        Assert.Equal((OutcomeKind.Failed, FailureReason.NotFound, "Customer not found."), (outcome.Kind, outcome.Reason, outcome.Message));
    }

    [Fact]
    public void Throttled_beyond_the_cap_names_the_wait_the_server_asked_for()
    {
        var items = Planned(13L);
        var outcome = MapAnswer(new DeleteCustomersEndpoint(LocalClient), 429, "", items, retryAfter: TimeSpan.FromSeconds(120))[0];

        Assert.Equal(FailureReason.Throttled, outcome.Reason);
        Assert.Contains("2 min 0 s", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("maximum retry wait of 1 min 0 s", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransportFailureKind.ConnectionLost, false, OutcomeKind.Unknown, FailureReason.OutcomeUnknown)]
    [InlineData(TransportFailureKind.Timeout, false, OutcomeKind.Unknown, FailureReason.OutcomeUnknown)]
    [InlineData(TransportFailureKind.ConnectionNotEstablished, false, OutcomeKind.Failed, FailureReason.Transport)]
    [InlineData(TransportFailureKind.Timeout, true, OutcomeKind.Failed, FailureReason.Timeout)]
    [InlineData(TransportFailureKind.ConnectionLost, true, OutcomeKind.Failed, FailureReason.Transport)]
    internal void Transport_failures_are_unknown_only_for_creates_that_may_have_reached_the_server(TransportFailureKind failure, bool idempotent, OutcomeKind kind, FailureReason reason)
    {
        // Idempotency is the request's: a DELETE may be resent, a POST (a create) may not.
        var outcome = idempotent ? Fail(new DeleteCustomersEndpoint(LocalClient), Planned(1L)) : Fail(new CreateCustomersEndpoint(LocalClient), Planned(new CustomerDraft { Surname = "A" }));

        ItemOutcome Fail<T>(BatchEndpoint<T> endpoint, IReadOnlyList<PlannedItem<T>> items)
            => endpoint.Map(ThuliumExchange.FailureForTest(endpoint.BuildRequest("", items), failure, attempts: 3), items)[0];

        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(3, outcome.Attempts);
    }

    [Fact]
    public void Gateway_timeout_on_a_create_is_unknown_but_plain_500_is_failed()
    {
        var drafts = Planned(new CustomerDraft { Surname = "A" });
        var endpoint = new CreateCustomersEndpoint(LocalClient);
        Assert.Equal(OutcomeKind.Unknown, MapAnswer(endpoint, 504, "", drafts)[0].Kind);
        var failed = MapAnswer(endpoint, 500, "", drafts)[0];
        Assert.Equal(FailureReason.ServerError, failed.Reason);
        Assert.Equal(OutcomeKind.Failed, failed.Kind);
    }
}
