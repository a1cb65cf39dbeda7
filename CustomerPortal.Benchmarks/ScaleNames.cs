namespace CustomerPortal.Benchmarks;

/// <summary>Words the scale data is made of.</summary>
internal static class ScaleNames
{
    public static readonly string[] First =
    [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara",
        "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Maria", "José", "Wei", "Aisha", "Jörg",
        "Chloé", "Mateo", "Priya", "Olivia", "Noah",
    ];

    public static readonly string[] Last =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
        "Mitchell", "Carter", "Roberts", "Müller", "Schmidt", "O'Brien", "Kowalski", "Novak", "Rossi", "Dubois", "Sato",
    ];

    public static readonly string[] Trades = ["Plumbing", "Electric", "Roofing", "Landscaping", "Cleaning", "Property", "Dental", "Bakery"];
    public static readonly string[] Suffixes = ["LLC", "Inc", "& Sons", "Group", "Co"];
    public static readonly string[] Domains = ["gmail.com", "yahoo.com", "outlook.com", "example.net", "icloud.com"];

    public static readonly string[] JobTitles =
    [
        "Water heater replacement", "Leaking kitchen faucet", "Furnace tune-up", "AC not cooling", "Panel upgrade", "Sump pump install",
        "Drain cleaning", "Thermostat install", "Bathroom remodel rough-in", "Outlet not working", "Boiler service", "Gas line check",
        "Toilet replacement", "Ceiling fan install", "Duct cleaning", "Garbage disposal swap", "Backflow test", "Heat pump repair",
    ];

    public static readonly string[] Streets =
        ["Oak Street", "Maple Avenue", "Harbor Road", "Elm Court", "Pine Lane", "Lakeview Drive", "Main Street", "Cedar Way", "Birch Place"];

    public static readonly string[] Technicians = ["Alex Rivera", "Jordan Lee", "Sam Okafor", "Chris Novak", "Taylor Brooks", "Morgan Diaz"];

    public static readonly string[] CustomerMessages =
    [
        "Is the technician still coming today?", "Can we move the visit to Friday?", "The water is still dripping a little.",
        "Thanks! What do I owe for the part?", "Could you send the invoice again? I can't find it.", "Gate code is 4412.",
    ];

    public static readonly string[] StaffReplies =
    [
        "Yes, Jordan is on the way and should be there by 2 pm.", "Friday 9-11 am works; I've moved it.",
        "Sorry about that, we'll come back at no charge.", "It's on the invoice in your portal.", "Sent again just now.",
    ];
}
