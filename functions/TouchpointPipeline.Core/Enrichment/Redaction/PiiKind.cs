namespace TouchpointPipeline.Core.Enrichment.Redaction;

/// <summary>Kinds of personal data the redactor finds, in the order it looks for them (earlier kinds win overlaps).</summary>
internal enum PiiKind : byte
{
    Email,
    Iban,
    Card,
    Phone,

    /// <summary>
    /// An IBAN-shaped token whose checksum failed. It stays as it is, and nothing inside it may be taken for a card or
    /// a phone number (its digit groups often pass Luhn by chance).
    /// </summary>
    InvalidIban,
}
