namespace TouchpointPipeline.Core.Tests.Enrichment.Redaction;

/// <summary>
/// Realistic free text from the four places the pipeline redacts: support chat, form errors, search queries and client
/// errors. In <see cref="WithPii"/> every personal item is marked <c>«kind:value»</c>; the test strips the marks for
/// the input and replaces them by <c>[kind]</c> for the expected output. Card numbers are the issuers' public test
/// numbers, IBANs the registry's examples, phone numbers from reserved/fictional ranges where a country has one.
/// </summary>
internal static class PiiCorpus
{
    public static readonly string[] WithPii =
    [
        // Support chat
        "Hi, my email is «email:john.smith@gmail.com» and I still haven't got my refund",
        "You can reach me at «email:maria.garcia+orders@outlook.com» anytime",
        "please send the invoice to «email:accounts@acme-corp.co.uk» thanks",
        "My old address was «email:j_doe1987@yahoo.fr», the new one is «email:jdoe@proton.me»",
        "Email: «email:Peter.Mueller@T-Online.de»",
        "Contact «email:o'brien.sean@eircom.net» about the return",
        "Call me on «phone:07700 900123» after 5pm",
        "my number is «phone:+44 7700 900123»",
        "Our office: «phone:+44 20 7946 0958», ask for Sam",
        "You can ring «phone:020 7946 0958» tomorrow",
        "UK number «phone:+44 (0)20 7946 0958» is the landline",
        "Please call me back at «phone:(415) 555-2671»",
        "my cell is «phone:415-555-2671» text me",
        "Phone «phone:415.555.2671» works best",
        "US customer, phone «phone:+1 415 555 2671», order 55312",
        "Toll free «phone:1-800-555-0199» didn't answer",
        "Meine Nummer ist «phone:+49 30 901820»",
        "call «phone:030 901820» before noon",
        "Handy: «phone:0151 23456789»",
        "reach me on «phone:+49 151 23456789» please",
        "mon numéro: «phone:06 12 34 56 78»",
        "appelez le «phone:+33 6 12 34 56 78» svp",
        "bureau «phone:01.23.45.67.89»",
        "tel «phone:0612345678»",
        "My mobile is «phone:+91 98765 43210»",
        "whatsapp «phone:+91-9876543210» for the delivery guy",
        "call «phone:98765 43210» when outside",
        "Sydney office «phone:+61 2 9876 5432»",
        "Tokyo «phone:+81 3-1234-5678»",
        "Móvil «phone:+34 612 345 678»",
        "Irish mobile «phone:+353 87 123 4567» thanks",
        "From abroad dial «phone:0044 20 7946 0958»",
        "I paid with «card:4111 1111 1111 1111» and got charged twice",
        "card «card:4012888888881881» was declined",
        "The card number «card:4242-4242-4242-4242» expired",
        "Visa «card:4000 0566 5566 5556» exp 12/27",
        "my mastercard «card:5555 5555 5555 4444» isn't working",
        "MC «card:5105-1051-0510-5100»",
        "new card «card:2223 0031 2200 3222» please update",
        "Amex «card:3782 822463 10005» cvv is on the back",
        "charge it to «card:371449635398431»",
        "discover «card:6011 1111 1111 1117»",
        "JCB «card:3530111333300000» from Japan",
        "Diners «card:3056 9309 0259 04»",
        "Refund to my card «card:4917-4845-8989-7107», not the gift card",
        "IBAN: «iban:DE89 3704 0044 0532 0130 00»",
        "please refund to «iban:DE89370400440532013000» asap",
        "my UK account «iban:GB82 WEST 1234 5698 7654 32»",
        "Bank details «iban:GB29NWBK60161331926819», name J Smith",
        "virement sur «iban:FR14 2004 1010 0505 0001 3M02 606» merci",
        "IBAN «iban:FR7630006000011234567890189»",
        "Dutch bank «iban:NL91 ABNA 0417 1643 00»",
        "rekening «iban:NL91ABNA0417164300» graag",
        "transfer to «iban:ES91 2100 0418 4502 0005 1332»",
        "«iban:IT60 X054 2811 1010 0000 0123 456» is my IBAN",
        "Refund «iban:BE68 5390 0754 7034» please",
        "lowercase iban «iban:de89370400440532013000» works too?",
        // Several kinds in one message
        "I'm «email:anna.k@web.de», «phone:+49 151 23456789», card «card:5425233430109903»",
        "refund to «iban:IE29 AIBK 9311 5212 3456 78» or card «card:4263982640269299», call «phone:07700 900123»",
        // Form errors
        "Email «email:jane.doe@example.com» has an invalid domain",
        "Field 'phone' rejected value «phone:+44 20 7946 0958»: too long",
        "Validation failed: card «card:4000-0027-6000-3184» declined by issuer",
        "The IBAN «iban:PL61 1090 1014 0000 0712 1981 2874» does not match the account holder",
        "Email «email:bob@example.org» is already registered",
        "Invalid phone number: «phone:07700 900123»",
        // Search queries
        "«email:sarah.connor@sky.com» order status",
        "refund «card:4111111111111111»",
        "«phone:0612345678» livraison",
        "change iban «iban:NL91ABNA0417164300»",
        // Client errors
        "POST /api/profile failed: 409 duplicate email «email:lee.chen@example.com»",
        "TypeError: cannot read properties of undefined (reading 'phone') at «phone:+1 415 555 2671»",
        "Stripe error card_declined for «card:4000056655665556»",
        "Unhandled rejection: user «email:k.tanaka@example.jp» not found (status 404)",
    ];

    public static readonly string[] NearMisses =
    [
        // Dates, versions and amounts after "on"/"at" alone (no phone word): never checked against numbering plans
        "It arrived on 12 03 2024 and broke on 19 03 2024",
        "The update to 10 0 19045 failed at 14 32 05",
        "Paid 1 299 000 on delivery",
        // Order, ticket and tracking numbers
        "Order 4839201756 hasn't arrived",
        "My order number is 4839201756",
        "Order #100234567 was cancelled",
        "order 0012345678 still pending",
        "Ticket 555-123-4567 is still open",
        "Tracking number 1Z999AA10123456784",
        "USPS tracking 9400 1000 0000 0000 0000 00",
        "Order ORD-2024-5561234 shows delivered",
        "Invoice 2024-000123 is wrong",
        "SKU 883929123456 out of stock",
        "Transaction 3141592653589793 failed",
        "My reference is 4839201756483920",
        "case no. 78123456",
        "RMA 7712345690 approved?",
        "Model number 5021-1234-567",
        "ISBN 978-3-16-148410-0",
        // Dates and times
        "Delivered on 2024-03-15 at 14:30",
        "Delivery date 15.03.2024 between 10:00 and 12:00",
        "It was due 03-15-2024 and it's now 03-22-2024",
        "Timestamp 1710498600 in the logs",
        "batch 20240315143000",
        "Years 2019 2020 2021 were fine",
        "Call between 9-5 on weekdays",
        // Prices and quantities
        "It costs $1,299.99 which is too much",
        "Total: 1 299,00 €",
        "Budget is 12 345 678 EUR",
        "The amount was 1.234.567 USD",
        "Quantity 10000000 is a typo",
        "Dimensions 120 x 60 x 75 cm",
        // Versions, addresses, codes
        "App version 10.0.19045.3803 crashes",
        "Version 2.3.14 build 20240315",
        "Error at 192.168.100.200 timeout",
        "Error code 0x80070005",
        "Postcode 10115 Berlin",
        "My login is user12345678",
        "@john_doe on Twitter said it works",
        "email me at support, not here",
        // Card-like and IBAN-like numbers that fail their checksums
        "I typed 4111 1111 1111 1112 by mistake",
        "Voucher 1234-5678-9012-3456 is invalid",
        "Gift card 5500 0000 0000 0005",
        "Invalid IBAN DE89 3704 0044 0532 0130 01",
        "GB00 WEST 1234 5698 7654 32 was rejected",
        "XX12 3456 7890 1234 5678 is not a country",
    ];
}
