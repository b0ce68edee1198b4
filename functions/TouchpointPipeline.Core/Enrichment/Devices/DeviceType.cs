namespace TouchpointPipeline.Core.Enrichment.Devices;

/// <summary>Form factor derived from a user-agent string.</summary>
public enum DeviceType
{
    /// <summary>Windows, macOS, Linux, ChromeOS browsers (and iPads in desktop mode, which cannot be told apart).</summary>
    Desktop,

    /// <summary>Phones: iPhone/iPod, Android with the <c>Mobile</c> token, Windows Phone.</summary>
    Mobile,

    /// <summary>iPad (when it says so) and Android devices without the <c>Mobile</c> token.</summary>
    Tablet,

    /// <summary>Crawlers, HTTP libraries and headless browsers.</summary>
    Bot,

    /// <summary>Smart TVs, consoles, streaming sticks and anything unrecognised.</summary>
    Other,
}
