namespace ThuliumPS.Core.Outcomes;

/// <summary>The status words the documented batch endpoints put in an item's <c>status</c>.</summary>
public static class ServerStatuses
{
    /// <summary>DELETE batch/outbounds: the campaign was added to the deletion queue.</summary>
    public const string RemovalQueued = "REMOVAL_QUEUED";

    /// <summary>DELETE batch/outbounds: the campaign was queued for deletion earlier.</summary>
    public const string AlreadyQueued = "ALREADY_QUEUED";

    /// <summary>DELETE batch/outbounds and batch/crm_outbounds/:id/records: the object does not exist.</summary>
    public const string NotExist = "NOT_EXIST";

    /// <summary>DELETE batch/crm_outbounds/:id/records: the record was removed.</summary>
    public const string Removed = "REMOVED";

    /// <summary>DELETE batch/crm_outbounds/:id/records: the record is in a call and was not removed.</summary>
    public const string CallInProgress = "CALL_IN_PROGRESS";
}
