using System.Globalization;
using System.Text.RegularExpressions;

namespace TouchpointPipeline.Deployment.Tests.Support;

/// <summary>Reads constraints straight from a .bicep file's text: the decorators written above a parameter.</summary>
public static partial class BicepSource
{
    /// <summary>The <c>@minLength(n)</c> decorating <c>param <paramref name="parameter"/></c> in <paramref name="bicepFile"/>.</summary>
    public static int ParameterMinLength(string bicepFile, string parameter)
    {
        var lines = File.ReadAllLines(bicepFile);
        var declaration = Array.FindIndex(lines, line => Regex.IsMatch(line, $@"^param\s+{Regex.Escape(parameter)}\s"));
        if (declaration < 0)
        {
            throw new InvalidDataException($"{bicepFile} declares no param {parameter}.");
        }

        // The decorators (and comments) are the lines directly above the declaration, up to a blank line or the
        // previous declaration; a decorator may span lines (@metadata({ ... })).
        var decorators = lines[..declaration].Reverse()
            .TakeWhile(line => line.Trim().Length > 0 && !Declaration().IsMatch(line))
            .Select(line => MinLength().Match(line))
            .Where(match => match.Success)
            .ToList();
        return decorators.Count == 1
            ? int.Parse(decorators[0].Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"param {parameter} in {bicepFile} has {decorators.Count} @minLength decorators, expected one.");
    }

    [GeneratedRegex(@"^\s*@minLength\(\s*(\d+)\s*\)")]
    private static partial Regex MinLength();

    [GeneratedRegex(@"^(param|var|output|resource|module|func|type|import|targetScope|metadata)\b")]
    private static partial Regex Declaration();
}
