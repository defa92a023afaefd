using System.Text.Json.Nodes;
using ThuliumPS.Sandbox.State;

namespace ThuliumPS.Sandbox.Api;

/// <summary>DELETE batch/outbounds and DELETE batch/crm_outbounds/{id}/records.</summary>
internal static class CampaignEndpoints
{
    public static void Map(IEndpointRouteBuilder api, SandboxOptions options)
    {
        api.MapDelete("/batch/outbounds", (HttpRequest request, SandboxStore store) =>
        {
            var ids = BatchAnswers.ListParameter(request, "id");
            if (BatchAnswers.CheckSize(ids.Length, "id[]", options.MaxBatch) is { } refused)
            {
                return refused;
            }

            var deleteRecordings = bool.TryParse(request.Query["delete_recordings"], out var flag) && flag;
            var answer = store.Locked(state => new JsonArray(ids.Select(id => (JsonNode)Queue(state, id, deleteRecordings)).ToArray()));
            return Results.Json(answer, statusCode: BatchAnswers.OverallStatus(answer));
        });

        api.MapDelete("/batch/crm_outbounds/{id}/records", (string id, HttpRequest request, SandboxStore store) =>
        {
            var customerIds = BatchAnswers.ListParameter(request, "customer_id");
            if (BatchAnswers.CheckSize(customerIds.Length, "customer_id[]", options.MaxBatch) is { } refused)
            {
                return refused;
            }

            var answer = store.Locked(state =>
            {
                var campaign = state.Campaigns.FirstOrDefault(c => c.Id == id && c.Crm);
                if (campaign is null)
                {
                    return null;
                }

                var result = new JsonObject();
                foreach (var customerId in customerIds.Distinct())
                {
                    result[customerId] = RemoveRecord(campaign, customerId);
                }

                return result;
            });

            return answer is null
                ? ErrorBodies.Error(StatusCodes.Status404NotFound, "Campaign not found.")
                : Results.Json(answer, statusCode: BatchAnswers.OverallStatus(answer.Select(p => p.Value)));
        });
    }

    private static JsonObject Queue(SandboxState state, string id, bool deleteRecordings)
    {
        var campaign = state.Campaigns.FirstOrDefault(c => c.Id == id);
        var (status, word) = campaign switch
        {
            null => (404, "NOT_EXIST"),
            { Queued: true } => (400, "ALREADY_QUEUED"),
            _ => (200, "REMOVAL_QUEUED"),
        };

        if (status == 200)
        {
            campaign!.Queued = true;
            campaign.DeleteRecordings = deleteRecordings;
        }

        return new JsonObject { ["http_status"] = status, ["id"] = id, ["status"] = word };
    }

    private static JsonObject RemoveRecord(SandboxCampaign campaign, string customerId)
    {
        var record = long.TryParse(customerId, out var n) ? campaign.Records.FirstOrDefault(r => r.CustomerId == n) : null;
        if (record is null)
        {
            return new JsonObject { ["http_status"] = 404, ["status"] = "NOT_EXIST" };
        }

        if (record.InCall)
        {
            // The docs give no code for this status; 409 is the sandbox's choice, so clients must go by "status".
            return new JsonObject { ["http_status"] = 409, ["status"] = "CALL_IN_PROGRESS" };
        }

        campaign.Records.Remove(record);
        return new JsonObject { ["http_status"] = 200, ["record_id"] = record.RecordId, ["status"] = "REMOVED" };
    }
}
