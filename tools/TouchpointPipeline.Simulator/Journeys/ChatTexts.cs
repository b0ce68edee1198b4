namespace TouchpointPipeline.Simulator.Journeys;

/// <summary>
/// Customer and agent chat lines by the sentiment the pipeline's lexicon scorer gives them (checked by
/// ChatTextsTests against the real scorer): neutral openers, positive closers, and the negative lines the pain
/// patterns need (negative-chat: two at or below -0.5; worsening-chat: a falling run ending below -0.2).
/// </summary>
internal static class ChatTexts
{
    /// <summary>Scores between -0.2 and +0.2.</summary>
    public static readonly string[] Neutral =
    [
        "Hi, I have a question about my order.",
        "Hello, can you tell me when my parcel will arrive?",
        "I would like to change the delivery address on my order.",
        "Can I return a pair of shoes I bought last week?",
        "Which sizes do you have for the trail runner in blue?",
        "I need to update the card on my account.",
    ];

    /// <summary>Scores of +0.4 or more.</summary>
    public static readonly string[] Positive =
    [
        "Great, thank you so much, that was really helpful!",
        "Perfect, thanks a lot for your help.",
        "That is great news, thank you!",
        "Thanks, that solved it. Good service!",
    ];

    /// <summary>Scores of +0.4 or more, as a chat's first line: where a worsening chat starts.</summary>
    public static readonly string[] WarmOpeners =
    [
        "Hi, thanks for getting back to me so quickly!",
        "Hello! I love the new collection, thanks for the help.",
    ];

    /// <summary>Scores at or below -0.5 (two of them in one chat fire negative-chat).</summary>
    public static readonly string[] Negative =
    [
        "This is terrible, the payment page is broken again.",
        "Honestly this is ridiculous, a complete waste of time.",
        "I am really frustrated, nothing works and nobody helps.",
        "This is the worst service I have ever had, unacceptable.",
        "Useless. I am so angry about this.",
    ];

    /// <summary>Scores between -0.5 and -0.2: the last step of a worsening chat without a second very negative line.</summary>
    public static readonly string[] SlightlyNegative =
    [
        "Hmm, that is a problem, it still has not arrived.",
        "I am a bit disappointed it is taking so long.",
    ];

    public static readonly string[] Agent =
    [
        "Thanks for reaching out, let me look into that for you.",
        "One moment please, I am checking your order.",
        "I can see your order here.",
        "I understand, let me see what I can do.",
    ];
}
