var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();

// The Functions host polls GET / until the handler answers; any status counts as ready.
app.MapGet("/", () => TypedResults.Ok());

app.Run();

/// <summary>Entry point; public so WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
