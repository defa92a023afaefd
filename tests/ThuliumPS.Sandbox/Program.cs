// Placeholder: the sandbox is implemented in issue 2 (see shared/sandbox.md).
var app = WebApplication.CreateBuilder(args).Build();
app.Run();
