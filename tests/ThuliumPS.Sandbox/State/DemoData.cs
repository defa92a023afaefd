using System.Text.Json.Nodes;

namespace ThuliumPS.Sandbox.State;

/// <summary>
/// The documentation's example data (--demo): campaigns 00001–00003 fed from the CRM, field group 2 with fields
/// 8, 10 and 12 (the docs' example ids), and the customers 441, 442 and 445 the CRM examples name.
/// </summary>
internal static class DemoData
{
    public static SandboxState Create() => new()
    {
        Customers =
        [
            Customer(441, "Jan", "Kowalski", "222333444", "jan.kowalski@foo.bar"),
            Customer(442, "Anna", "Nowak", "501502503", "anna.nowak@foo.bar"),
            Customer(445, "Piotr", "Wiśniewski", "601602603", "piotr.wisniewski@foo.bar"),
        ],
        Campaigns =
        [
            Campaign("00001", (5235, 441, false), (5236, 442, false)),
            Campaign("00002", (5237, 441, false), (5238, 445, true)),
            Campaign("00003", (5239, 442, false)),
        ],
        FieldGroups =
        [
            new SandboxFieldGroup
            {
                GroupId = 2,
                Fields =
                [
                    new SandboxField { FieldId = 8, Name = "Count" },
                    new SandboxField { FieldId = 10, Name = "Comment" },
                    new SandboxField { FieldId = 12, Name = "Product" },
                ],
            },
        ],
    };

    private static JsonObject Customer(long id, string name, string surname, string phone, string email) => new()
    {
        ["customer_id"] = id,
        ["name"] = name,
        ["surname"] = surname,
        ["phone_number"] = phone,
        ["email"] = email,
    };

    private static SandboxCampaign Campaign(string id, params (long RecordId, long CustomerId, bool InCall)[] records) => new()
    {
        Id = id,
        Crm = true,
        Records = records.Select(r => new SandboxRecord { RecordId = r.RecordId, CustomerId = r.CustomerId, InCall = r.InCall }).ToList(),
    };
}
