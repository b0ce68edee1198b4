using TouchpointPipeline.Core.Enrichment.Devices;

namespace TouchpointPipeline.Core.Tests.Enrichment.Devices;

public sealed class UserAgentParserTests
{
    private const DeviceType D = DeviceType.Desktop;
    private const DeviceType M = DeviceType.Mobile;
    private const DeviceType T = DeviceType.Tablet;
    private const DeviceType B = DeviceType.Bot;
    private const DeviceType O = DeviceType.Other;

    // Real user agents as browsers, apps and crawlers send them; the expected values read as the spec of the parser.
    [Theory]
    // Desktop
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", D, "Windows", "10", "Chrome", "124")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80", D, "Windows", "10", "Edge", "124")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", D, "Windows", "10", "Firefox", "125")]
    [InlineData("Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36", D, "Windows", "7", "Chrome", "109")]
    [InlineData("Mozilla/5.0 (Windows NT 6.3; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0", D, "Windows", "8.1", "Firefox", "115")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", D, "Windows", "10", "Internet Explorer", "11")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0", D, "Windows", "10", "Opera", "109")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36", D, "Windows", "10", "Yandex Browser", "24")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15", D, "macOS", "10.15", "Safari", "17")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", D, "macOS", "10.15", "Chrome", "124")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0", D, "macOS", "10.15", "Firefox", "125")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67", D, "macOS", "10.15", "Edge", "124")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.2 Safari/605.1.15", D, "macOS", "10.13", "Safari", "13")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", D, "Linux", null, "Chrome", "124")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", D, "Linux", null, "Firefox", "125")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", D, "ChromeOS", null, "Chrome", "124")]
    // Phones
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1", M, "iOS", "17", "Safari", "17")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", M, "iOS", "16", "Safari", "16")]
    // iOS 26 Safari freezes the OS token at 18_6; only Version/ moves on (documented limit).
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1", M, "iOS", "18", "Safari", "26")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1", M, "iOS", "17", "Chrome", "124")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15", M, "iOS", "17", "Firefox", "125")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/124.2478.71 Mobile/15E148 Safari/605.1.15", M, "iOS", "17", "Edge", "124")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", M, "Android", "10", "Chrome", "124")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36", M, "Android", "13", "Chrome", "116")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36", M, "Android", "14", "Samsung Internet", "24")]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0", M, "Android", "14", "Firefox", "125")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 EdgA/124.0.0.0", M, "Android", "10", "Edge", "124")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Mobile Safari/537.36 OPR/81.1.4292.78446", M, "Android", "10", "Opera", "81")]
    [InlineData("Mozilla/5.0 (Linux; U; Android 10; en-US; RMX1911 Build/QKQ1.200209.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36", M, "Android", "10", "UC Browser", "13")]
    // CUBOT is a phone brand, not a bot.
    [InlineData("Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36", M, "Android", "11", "Chrome", "120")]
    [InlineData("Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063", M, "Windows Phone", "10", "Edge", "15")]
    // Tablets
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1", T, "iOS", "17", "Safari", "17")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1", T, "iOS", "17", "Chrome", "124")]
    // iPadOS in its default desktop mode is byte-for-byte Mac Safari: reported as a Mac (documented limit).
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", D, "macOS", "10.15", "Safari", "17")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", T, "Android", "13", "Chrome", "124")]
    [InlineData("Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Safari/537.36", T, "Android", "13", "Samsung Internet", "23")]
    [InlineData("Mozilla/5.0 (Android 13; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0", T, "Android", "13", "Firefox", "125")]
    [InlineData("Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/124.2.2 like Chrome/124.0.6367.82 Safari/537.36", T, "Android", "9", "Silk", "124")]
    // In-app browsers and webviews
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/458.0.0.39.108;FBBV/590178936;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]", M, "iOS", "17", "Facebook", "458")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240405.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.54 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/460.0.0.48.109;]", M, "Android", "14", "Facebook", "460")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S911B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 Instagram 327.0.0.42.89 Android (34/14; 480dpi; 1080x2340; samsung; SM-S911B; dm1q; qcom; en_GB; 589208013)", M, "Android", "14", "Instagram", "327")]
    [InlineData("Mozilla/5.0 (Linux; Android 12; SM-G991B Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.118 Mobile Safari/537.36", M, "Android", "12", "Android WebView", "123")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", M, "iOS", "17", "iOS WebView", null)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/311.0.622981520 Mobile/15E148 Safari/604.1", M, "iOS", "17", "Google App", "311")]
    // Smart TVs, consoles, streaming sticks
    [InlineData("Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 TV Safari/537.36", O, "Tizen", "6", "Other", null)]
    [InlineData("Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager", O, "webOS", null, "Chrome", "79")]
    [InlineData("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0 Safari/605.1.15", O, "PlayStation", null, "Safari", "13")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041", O, "Windows", "10", "Edge", "18")]
    [InlineData("Mozilla/5.0 (Nintendo Switch; WifiWebAuthApplet) AppleWebKit/606.4 (KHTML, like Gecko) NF/6.0.1.15.4 NintendoBrowser/5.1.0.20393", O, "Nintendo", null, "Other", null)]
    [InlineData("Mozilla/5.0 (Linux; Android 9; SHIELD Android TV Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/88.0.4324.181 Mobile Safari/537.36", O, "Android", "9", "Android WebView", "88")]
    [InlineData("Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 CrKey/1.56.500000", O, "Linux", null, "Chrome", "114")]
    // Families the ua-parser corpus showed missing: iPad in-app, UC Browser, pre-2013 Opera, Safari without Version/,
    // the old Android WebView, Fire tablets.
    [InlineData("Mozilla/5.0 (iPad; CPU OS 7_0 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Mobile/11A465 [FBAN/FBIOS;FBAV/8.0.0.28.18;FBBV/1665515;FBDV/iPad4,1]", T, "iOS", "7", "Facebook", "8")]
    [InlineData("UCWEB/2.0 (iOS; U; iPh OS 7_0_4; ru; iPh3,1) U2/1.0.0 UCBrowser/9.0.0.260 U2/1.0.0 Mobile", M, "iOS", null, "UC Browser", "9")]
    [InlineData("Opera/9.80 (Windows NT 5.1; U; ru) Presto/2.5.24 Version/10.53", D, "Windows", "XP", "Opera", "9")]
    [InlineData("Mozilla/5.0 (Macintosh; U; PPC Mac OS X; en-us) AppleWebKit/418.8 (KHTML, like Gecko) Safari/419.3", D, "macOS", null, "Safari", null)]
    [InlineData("Mozilla/5.0 (Linux; Android 4.4.4; SHV31 Build/S2280) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/33.0.0.0 Mobile Safari/537.36", M, "Android", "4", "Android WebView", "33")]
    [InlineData("Mozilla/5.0 (Linux; U; en-us; KFTT Build/IML74K) AppleWebKit/535.19 (KHTML, like Gecko) Silk/2.0 Safari/535.19 Silk-Accelerated=false", T, "Android", null, "Silk", "2")]
    public void Parse_RealUserAgent_ReturnsDevice(
        string userAgent, DeviceType type, string os, string? osVersion, string browser, string? browserVersion)
    {
        var device = UserAgentParser.Parse(userAgent);

        Assert.Equal(new DeviceInfo(type, os, osVersion, browser, browserVersion, IsBot: false), device);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Other", null, "Googlebot", "2")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.201 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Android", "6", "Googlebot", "2")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Other", null, "Bingbot", "2")]
    [InlineData("Scooter/3.3", "Other", null, "Other", null)]
    [InlineData("Mozilla/5.0 (Windows NT 6.2; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.0 Safari/537.36 PTST/1.0", "Windows", "8", "Other", null)]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36", "Other", null, "Bingbot", "2")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "Other", null, "YandexBot", "3")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", "macOS", "10.15", "Applebot", "0")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "Other", null, "AhrefsBot", "7")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)", "Other", null, "GPTBot", "1")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Other", null, "Facebook crawler", "1")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.6367.60 Safari/537.36", "Linux", null, "HeadlessChrome", "124")]
    [InlineData("curl/8.4.0", "Other", null, "curl", "8")]
    [InlineData("Wget/1.21.4", "Other", null, "Wget", "1")]
    [InlineData("python-requests/2.31.0", "Other", null, "python-requests", "2")]
    [InlineData("Go-http-client/1.1", "Other", null, "Go-http-client", "1")]
    [InlineData("Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", "Other", null, "Other", null)]
    [InlineData("Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/napoveda/vyhledavani/en/seznambot-crawler/)", "Other", null, "Other", null)]
    [InlineData("Mozilla/5.0 (compatible; Barkrowler/0.9; +https://babbar.tech/crawler)", "Other", null, "Other", null)]
    public void Parse_Bot_FlagsIt(string userAgent, string os, string? osVersion, string bot, string? botVersion)
    {
        var device = UserAgentParser.Parse(userAgent);

        Assert.Equal(new DeviceInfo(DeviceType.Bot, os, osVersion, bot, botVersion, IsBot: true), device);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData("Mozilla/5.0")]
    [InlineData("MyCompanyApp")]
    public void Parse_MissingOrUnrecognised_ReturnsOther(string? userAgent)
    {
        var device = UserAgentParser.Parse(userAgent);

        Assert.Equal(new DeviceInfo(DeviceType.Other, "Other", null, "Other", null, IsBot: false), device);
    }

    [Fact]
    public void Parse_VeryLongUserAgent_ReadsOnlyTheBoundedPrefix()
    {
        var padded = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 "
            + new string('x', 100_000) + " Googlebot/2.1";

        var device = UserAgentParser.Parse(padded);

        Assert.Equal(new DeviceInfo(DeviceType.Desktop, "Windows", "10", "Chrome", "124", IsBot: false), device);
    }

    [Fact]
    public void Parse_ConcurrentCalls_AgreeWithSequentialOnes()
    {
        const string ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1";
        var expected = UserAgentParser.Parse(ua);

        var results = new DeviceInfo[1000];
        Parallel.For(0, results.Length, i => results[i] = UserAgentParser.Parse(ua));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
