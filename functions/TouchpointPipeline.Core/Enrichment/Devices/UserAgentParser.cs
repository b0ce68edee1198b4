namespace TouchpointPipeline.Core.Enrichment.Devices;

/// <summary>
/// Small, ordered token rules over the first <see cref="MaxLength"/> characters of a user agent: no regular
/// expressions (nothing to backtrack), no state (thread-safe), and no allocation beyond the result and, rarely, a
/// version string above 999. Rules are checked in order and the first match wins, because user agents lie in layers
/// (Edge says "Chrome", Chrome says "Safari", Android says "Linux").
/// </summary>
/// <remarks>
/// <para>Families. OS: <c>Windows</c>, <c>Windows Phone</c>, <c>macOS</c>, <c>iOS</c> (iPhone, iPod and iPad alike;
/// the form factor is in <see cref="DeviceInfo.Type"/>), <c>Android</c>, <c>ChromeOS</c>, <c>Linux</c>, <c>Tizen</c>,
/// <c>webOS</c>, <c>PlayStation</c>, <c>Nintendo</c>, <c>Other</c>. Browser: <c>Chrome</c>, <c>Edge</c>,
/// <c>Firefox</c>, <c>Safari</c> (also on iPhone: no separate "Mobile Safari", the device type already says it),
/// <c>Opera</c>, <c>Samsung Internet</c>, <c>Yandex Browser</c>, <c>UC Browser</c>, <c>Silk</c>,
/// <c>Internet Explorer</c>, in-app browsers <c>Facebook</c>, <c>Instagram</c>, <c>Google App</c>, the bare webviews
/// <c>Android WebView</c> and <c>iOS WebView</c>, and for bots the bot or client name (<c>Googlebot</c>, <c>curl</c>,
/// <c>HeadlessChrome</c>…); <c>Other</c> when unknown. Chrome on iOS (<c>CriOS</c>) is <c>Chrome</c> and Firefox on iOS
/// (<c>FxiOS</c>) is <c>Firefox</c>, although both run WebKit.</para>
/// <para>Known limits, all caused by what browsers send rather than by the rules: iPadOS 13+ in its default
/// "desktop website" mode sends a Mac Safari user agent and is reported as macOS/Desktop; browsers freeze macOS at
/// 10.15 (reported as <c>"10.15"</c>, meaning "10.15 or later") and Windows 11 sends <c>Windows NT 10.0</c> (reported as
/// <c>"10"</c>); Safari on iOS 26 freezes the OS at 18.x; Chrome's "request desktop site" on Android sends a Linux
/// desktop user agent. Client hints (<c>Sec-CH-UA-*</c>) would resolve these and can be added when collectors send them.
/// Windows versions are names (<c>"10"</c>, <c>"8.1"</c>, <c>"7"</c>, <c>"Vista"</c>, <c>"XP"</c>); ChromeOS has no
/// version (its token carries a platform build number, not the release).</para>
/// </remarks>
public static class UserAgentParser
{
    /// <summary>Only this many leading characters are read: every token we need sits well inside it.</summary>
    public const int MaxLength = 512;

    private const string Other = "Other";

    private static readonly DeviceInfo Unknown = new(DeviceType.Other, Other, null, Other, null, false);

    // Named clients first, then generic markers. Case-insensitive: bots are inconsistent about case.
    private static readonly (string Token, string Name)[] NamedBots =
    [
        ("HeadlessChrome", "HeadlessChrome"),
        ("Googlebot", "Googlebot"),
        ("AdsBot-Google", "Googlebot"),
        ("bingbot", "Bingbot"),
        ("YandexBot", "YandexBot"),
        ("DuckDuckBot", "DuckDuckBot"),
        ("Baiduspider", "Baiduspider"),
        ("Applebot", "Applebot"),
        ("Slurp", "Yahoo Slurp"),
        ("facebookexternalhit", "Facebook crawler"),
        ("Twitterbot", "Twitterbot"),
        ("LinkedInBot", "LinkedInBot"),
        ("Slackbot", "Slackbot"),
        ("AhrefsBot", "AhrefsBot"),
        ("SemrushBot", "SemrushBot"),
        ("GPTBot", "GPTBot"),
        ("Chrome-Lighthouse", "Lighthouse"),
        ("curl/", "curl"),
        ("Wget/", "Wget"),
        ("python-requests/", "python-requests"),
        ("Python-urllib/", "Python-urllib"),
        ("aiohttp/", "aiohttp"),
        ("Go-http-client/", "Go-http-client"),
        ("Java/", "Java"),
        ("Apache-HttpClient/", "Apache-HttpClient"),
        ("PostmanRuntime/", "PostmanRuntime"),
        ("axios/", "axios"),
        ("node-fetch/", "node-fetch"),
        ("PhantomJS/", "PhantomJS"),
    ];

    // Generic markers, then uptime and page-test services and crawlers that name no "bot" (ua-parser's Spider list).
    private static readonly string[] GenericBotMarkers =
    [
        "crawler", "crawl", "spider", "scraper", "headless", "indexer", "PTST/", "Pingdom", "StatusCake", "Datanyze",
        "Scrapy/", "Nutch", "Xenu Link", "Daumoa", "YahooCacheSystem", "Netvibes", "Riddler", "wsr-agent",
        "Genieo", "AltaVista", "Scooter/", "Mercator", "ia_archiver", "BingPreview", "Web Preview", "GomezAgent",
        "heritrix", "Yeti/", "Daum/", "NewsGator", "PagePeeker", "Reaper/", "holmes/", "Qwantify", "masscan",
        "ImgProxy", "InternetArchive", "WebThumbnail", "BlogBridge", "ZooShot", "Setaccio", "Data Collector",
        "WhatsApp/",
    ];

    // Feature-phone platforms and browsers: a phone even without "Mobile".
    private static readonly string[] FeaturePhoneMarkers =
    [
        "MIDP", "BREW", "NetFront", "UP.Browser", "J2ME", "Opera Mini", "WILLCOM", "Symbian", "SymbOS", "Series 60",
        "Series60", "S60;", "MAUI", "Obigo", "Nokia", "NOKIA", "BlackBerry", "Elaine/",
    ];

    // Windows Phone 7 in desktop mode ("ZuneWP7"), and UC Browser's abbreviation ("wds 7.10").
    private static readonly string[] WindowsPhoneMarkers = ["Windows Phone", "ZuneWP7", "XBLWP7", "; wds "];

    // TVs, consoles and sticks run ordinary browser engines; only these tokens tell them apart from phones and PCs.
    private static readonly string[] TvAndConsoleMarkers =
    [
        "SMART-TV", "SmartTV", "Smart TV", "Web0S", "webOS", "HbbTV", "BRAVIA", "Android TV", "GoogleTV", "CrKey",
        "; AFT", "Roku", "AppleTV", "PlayStation", "Xbox", "Nintendo", "OculusBrowser", "Tizen",
    ];

    // Detection token, family, token whose following digits are the version. Order matters: see the class summary.
    private static readonly (string Token, string Family, string VersionToken)[] Browsers =
    [
        ("Edg/", "Edge", "Edg/"),
        ("EdgA/", "Edge", "EdgA/"),
        ("EdgiOS/", "Edge", "EdgiOS/"),
        ("Edge/", "Edge", "Edge/"),
        ("OPR/", "Opera", "OPR/"),
        ("OPT/", "Opera", "OPT/"),
        ("OPiOS/", "Opera", "OPiOS/"),
        ("SamsungBrowser/", "Samsung Internet", "SamsungBrowser/"),
        ("YaBrowser/", "Yandex Browser", "YaBrowser/"),
        ("UCBrowser/", "UC Browser", "UCBrowser/"),
        ("UC Browser", "UC Browser", "UC Browser"),
        ("UCWEB", "UC Browser", "UCWEB"),
        ("UBrowser/", "UC Browser", "UBrowser/"),
        ("Opera Mini/", "Opera", "Opera Mini/"),
        ("Opera Mobi/", "Opera", "Version/"),
        ("Opera/", "Opera", "Opera/"),
        ("Silk/", "Silk", "Silk/"),
        ("FBAV/", "Facebook", "FBAV/"),
        ("FBAN/", "Facebook", "FBAV/"),
        ("Instagram ", "Instagram", "Instagram "),
        ("GSA/", "Google App", "GSA/"),
        ("CriOS/", "Chrome", "CriOS/"),
        ("FxiOS/", "Firefox", "FxiOS/"),
        ("Firefox/", "Firefox", "Firefox/"),
        ("; wv)", "Android WebView", "Chrome/"),
        ("Chrome/", "Chrome", "Chrome/"),
        ("Version/", "Safari", "Version/"),
        ("MSIE ", "Internet Explorer", "MSIE "),
        ("Trident/", "Internet Explorer", "rv:"),
    ];

    // Major versions 0–999 preallocated so that parsing does not allocate a string per call.
    private static readonly string[] Majors = CreateMajors();

    /// <summary>Parses a user agent; <see langword="null"/>, empty or unrecognised input yields "Other" families.</summary>
    public static DeviceInfo Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var ua = userAgent.AsSpan();
        if (ua.Length > MaxLength)
        {
            ua = ua[..MaxLength];
        }

        var (os, osVersion, type) = ParseOs(ua);
        if (TryParseBot(ua, out var botName, out var botVersion))
        {
            return new DeviceInfo(DeviceType.Bot, os, osVersion, botName, botVersion, true);
        }

        if (ContainsAny(ua, TvAndConsoleMarkers, StringComparison.OrdinalIgnoreCase))
        {
            type = DeviceType.Other;
        }

        var (browser, browserVersion) = ParseBrowser(ua, os);
        if (os == Other && browser == Other && type == DeviceType.Other)
        {
            return Unknown;
        }

        return new DeviceInfo(type, os, osVersion, browser, browserVersion, false);
    }

    private static (string Os, string? Version, DeviceType Type) ParseOs(ReadOnlySpan<char> ua)
    {
        if (ContainsAny(ua, WindowsPhoneMarkers, StringComparison.Ordinal))
        {
            return ("Windows Phone", MajorAfter(ua, "Windows Phone ") ?? MajorAfter(ua, "; wds "), DeviceType.Mobile);
        }

        // iPad first: in-app browsers on iPads still name the iPhone OS ("iPad compatibility; CPU iPhone OS",
        // Facebook's "FBDV/iPad").
        if (ua.Contains("iPad", StringComparison.Ordinal) || ua.Contains("iPd OS", StringComparison.Ordinal))
        {
            return ("iOS", MajorAfter(ua, "CPU OS ") ?? MajorAfter(ua, "iPhone OS "), DeviceType.Tablet);
        }

        if (ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPod", StringComparison.Ordinal)
            || ua.Contains("iPh OS", StringComparison.Ordinal))
        {
            return ("iOS", MajorAfter(ua, "iPhone OS ") ?? MajorAfter(ua, "CPU OS "), DeviceType.Mobile);
        }

        // Amazon Fire tablets: "Silk/" (even in its desktop-mode Mac user agent) or a "KF…" model before "Build/".
        if (ua.Contains("Silk/", StringComparison.Ordinal) || IsKindleFireModel(ua))
        {
            return ("Android", MajorAfter(ua, "Android "), DeviceType.Tablet);
        }

        // Kindle e-readers (no OS named) and the first Kindle Fire ("Kindle Fire Build/", Android 2.3).
        if (ua.Contains("Kindle", StringComparison.Ordinal))
        {
            return ua.Contains("Android", StringComparison.Ordinal)
                ? ("Android", MajorAfter(ua, "Android "), DeviceType.Tablet)
                : (Other, null, DeviceType.Tablet);
        }

        if (ua.Contains("Android", StringComparison.OrdinalIgnoreCase) || ua.Contains("Adr ", StringComparison.Ordinal)
            || ua.StartsWith("JUC", StringComparison.Ordinal))
        {
            // Android phones send "Mobile"; tablets (and Firefox's "Tablet" token) do not.
            var type = ua.Contains("Mobile", StringComparison.Ordinal) ? DeviceType.Mobile : DeviceType.Tablet;
            return ("Android", MajorAfter(ua, "Android "), type);
        }

        if (ua.Contains("CrOS", StringComparison.Ordinal))
        {
            return ("ChromeOS", null, DeviceType.Desktop);
        }

        if (ua.Contains("Tizen", StringComparison.Ordinal))
        {
            return ("Tizen", MajorAfter(ua, "Tizen "), DeviceType.Other);
        }

        if (ua.Contains("Web0S", StringComparison.Ordinal) || ua.Contains("webOS", StringComparison.OrdinalIgnoreCase)
            || ua.Contains("hpwOS", StringComparison.Ordinal))
        {
            return ("webOS", null, DeviceType.Other);
        }

        if (ua.Contains("PlayStation", StringComparison.Ordinal))
        {
            return ("PlayStation", null, DeviceType.Other);
        }

        if (ua.Contains("Nintendo", StringComparison.Ordinal))
        {
            return ("Nintendo", null, DeviceType.Other);
        }

        // Apps on Apple platforms through CFNetwork: a Mac names its CPU or model, an iPhone or iPad does not.
        if (ua.Contains("Darwin/", StringComparison.Ordinal) && !ua.Contains("Mozilla", StringComparison.Ordinal))
        {
            var mac = ua.Contains("x86_64", StringComparison.Ordinal) || ua.Contains("i386", StringComparison.Ordinal)
                || ua.Contains("Mac", StringComparison.Ordinal);
            return mac ? ("macOS", null, DeviceType.Desktop) : ("iOS", null, DeviceType.Mobile);
        }

        if (HasIosWord(ua))
        {
            return ("iOS", MajorAfter(ua, "iOS "), ua.Contains("iPad", StringComparison.OrdinalIgnoreCase) ? DeviceType.Tablet : DeviceType.Mobile);
        }

        if (ua.Contains("Windows", StringComparison.Ordinal))
        {
            return ("Windows", WindowsVersion(ua), DeviceType.Desktop);
        }

        if (ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal))
        {
            return ("macOS", MacVersion(ua), DeviceType.Desktop);
        }

        var featurePhone = ContainsAny(ua, FeaturePhoneMarkers, StringComparison.Ordinal);
        if (!featurePhone && (ua.Contains("Linux", StringComparison.OrdinalIgnoreCase) || ua.Contains("X11", StringComparison.Ordinal)))
        {
            return ("Linux", null, PuffinType(ua) ?? DeviceType.Desktop);
        }

        // Firefox OS says "(Mobile; rv:" or "(Tablet; rv:"; feature phones say what platform they run.
        var otherType = ua.Contains("(Tablet;", StringComparison.Ordinal) ? DeviceType.Tablet
            : featurePhone || ua.Contains("Mobi", StringComparison.Ordinal) ? DeviceType.Mobile
            : DeviceType.Other;
        return (Other, null, otherType);
    }

    // Puffin ends its version with two letters: platform (I iOS, A Android, W Windows…) and form (T tablet, P phone).
    private static DeviceType? PuffinType(ReadOnlySpan<char> ua)
    {
        var at = ua.IndexOf("Puffin/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = ua[(at + "Puffin/".Length)..];
        var i = 0;
        while (i < rest.Length && (char.IsAsciiDigit(rest[i]) || rest[i] == '.'))
        {
            i++;
        }

        return i + 1 < rest.Length ? rest[i + 1] switch
        {
            'T' => DeviceType.Tablet,
            'P' => DeviceType.Mobile,
            _ => null,
        } : null;
    }

    // Fire tablets' model numbers: "KFTT", "KFOT", "KFSOWI", "KFAPWA"… directly before " Build/".
    private static bool IsKindleFireModel(ReadOnlySpan<char> ua)
    {
        var at = ua.IndexOf("; KF", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var model = ua[(at + 2)..];
        var end = 2;
        while (end < model.Length && char.IsAsciiLetterUpper(model[end]))
        {
            end++;
        }

        return end is >= 4 and <= 8 && model[end..].StartsWith(" Build/", StringComparison.Ordinal);
    }

    // "iOS" as a word of its own ("(iOS; U;", "Outlook-iOS/", "iOS 12.1"), not inside "CriOS" or "FxiOS".
    private static bool HasIosWord(ReadOnlySpan<char> ua)
    {
        var searchFrom = 0;
        while (searchFrom < ua.Length)
        {
            var at = ua[searchFrom..].IndexOf("iOS", StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += searchFrom;
            var end = at + 3;
            if ((at == 0 || !char.IsAsciiLetter(ua[at - 1])) && (end == ua.Length || !char.IsAsciiLetter(ua[end])))
            {
                return true;
            }

            searchFrom = end;
        }

        return false;
    }

    private static bool TryParseBot(ReadOnlySpan<char> ua, out string name, out string? version)
    {
        foreach (var (token, botName) in NamedBots)
        {
            var at = ua.IndexOf(token, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                name = botName;
                var rest = ua[(at + token.Length)..];
                version = LeadingMajor(rest.StartsWith('/') ? rest[1..] : rest);
                return true;
            }
        }

        name = Other;
        version = null;
        return ContainsAny(ua, GenericBotMarkers, StringComparison.OrdinalIgnoreCase) || HasBotWord(ua);
    }

    // "bot" ends a product name ("UptimeRobot/2.0", "PetalBot;") but also sits inside the phone brand "CUBOT".
    private static bool HasBotWord(ReadOnlySpan<char> ua)
    {
        var searchFrom = 0;
        while (searchFrom < ua.Length)
        {
            var at = ua[searchFrom..].IndexOf("bot", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            at += searchFrom;
            var end = at + 3;
            var endsWord = end == ua.Length || !char.IsAsciiLetter(ua[end]);
            var isCubot = at >= 2 && ua.Slice(at - 2, 2).Equals("cu", StringComparison.OrdinalIgnoreCase);
            if (endsWord && !isCubot)
            {
                return true;
            }

            searchFrom = end;
        }

        return false;
    }

    private static (string Browser, string? Version) ParseBrowser(ReadOnlySpan<char> ua, string os)
    {
        foreach (var (token, family, versionToken) in Browsers)
        {
            if (!ua.Contains(token, StringComparison.Ordinal))
            {
                continue;
            }

            // "Version/" without "Safari" is an old Opera or a console shell, not Safari (old iPads end in a bare "Safari").
            if (family == "Safari" && !ua.Contains("Safari", StringComparison.Ordinal))
            {
                continue;
            }

            // Android's WebView before the "; wv)" token (2014–2015) sent both "Version/4.0" and "Chrome/".
            if (family == "Chrome" && os == "Android" && ua.Contains("Version/", StringComparison.Ordinal))
            {
                return ("Android WebView", MajorAfter(ua, versionToken));
            }

            return (family, MajorAfter(ua, versionToken));
        }

        // Safari before it sent "Version/" (Safari 1–2, and macOS apps through CFNetwork: "Safari/6533.18.5").
        if ((os is "macOS" or "iOS" && ua.Contains("Safari/", StringComparison.Ordinal))
            || ua.StartsWith("Safari/", StringComparison.Ordinal))
        {
            return ("Safari", null);
        }

        // An iOS app's embedded WKWebView drops the "Version/… Safari/…" tokens.
        if (os == "iOS" && ua.Contains("AppleWebKit", StringComparison.Ordinal))
        {
            return ("iOS WebView", null);
        }

        return (Other, null);
    }

    private static string? WindowsVersion(ReadOnlySpan<char> ua)
    {
        var at = ua.IndexOf("Windows NT ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var nt = ua[(at + "Windows NT ".Length)..];
        return nt switch
        {
            _ when nt.StartsWith("10.", StringComparison.Ordinal) => "10",
            _ when nt.StartsWith("6.3", StringComparison.Ordinal) => "8.1",
            _ when nt.StartsWith("6.2", StringComparison.Ordinal) => "8",
            _ when nt.StartsWith("6.1", StringComparison.Ordinal) => "7",
            _ when nt.StartsWith("6.0", StringComparison.Ordinal) => "Vista",
            _ when nt.StartsWith("5.1", StringComparison.Ordinal) || nt.StartsWith("5.2", StringComparison.Ordinal) => "XP",
            _ => null,
        };
    }

    private static string? MacVersion(ReadOnlySpan<char> ua)
    {
        var at = ua.IndexOf("Mac OS X ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = ua[(at + "Mac OS X ".Length)..];
        var major = LeadingMajor(rest);

        // macOS 10.x releases were distinct products; 11 and later are majors on their own.
        if (major == "10" && rest.Length > 3 && rest[2] is '_' or '.')
        {
            var minorEnd = 3;
            while (minorEnd < rest.Length && char.IsAsciiDigit(rest[minorEnd]))
            {
                minorEnd++;
            }

            return minorEnd switch
            {
                5 when rest[3..5] is "15" => "10.15",
                _ => string.Concat("10.", rest[3..minorEnd]),
            };
        }

        return major;
    }

    private static string? MajorAfter(ReadOnlySpan<char> ua, string token)
    {
        var at = ua.IndexOf(token, StringComparison.Ordinal);
        return at < 0 ? null : LeadingMajor(ua[(at + token.Length)..]);
    }

    private static string? LeadingMajor(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && length < 9 && char.IsAsciiDigit(text[length]))
        {
            length++;
        }

        if (length == 0)
        {
            return null;
        }

        var value = int.Parse(text[..length], provider: System.Globalization.CultureInfo.InvariantCulture);
        return value < Majors.Length ? Majors[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool ContainsAny(ReadOnlySpan<char> ua, string[] tokens, StringComparison comparison)
    {
        foreach (var token in tokens)
        {
            if (ua.Contains(token, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] CreateMajors()
    {
        var majors = new string[1000];
        for (var i = 0; i < majors.Length; i++)
        {
            majors[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return majors;
    }
}
