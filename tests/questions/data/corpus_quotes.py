"""Hand-checked gold: every direct quotation in the default corpus and who said it.

(document id prefix, opening words of the quoted text, speaker as the engine names it).
Conventions, checked by reading each sentence:
- the nearest speech verb governs ("Blinken reportedly assured Netanyahu that the U.S. was
  working “day and night”" is Blinken's, as reported);
- one- and two-word quotes count when a speech verb introduces them ("clarified ... “limited”");
- scare quotes ("last “safe place”", "the so-called “General Plan”") are not speech;
- anonymous sources keep the descriptor they were introduced with, per article.
"""

CORPUS_QUOTES: list[tuple[str, str, str]] = [
    ("000", "day and night", "Antony Blinken"),
    ("000", "inconceivable", "Benjamin Netanyahu"),
    ("000", "Secretary Blinken assured me that the adminis", "Benjamin Netanyahu"),
    ("000", "finish the job", "Benjamin Netanyahu"),
    ("000", "I’m not going to talk about what we said in d", "Antony Blinken"),
    ("000", "The president’s talked about, publicly, about", "Antony Blinken"),
    ("000", "But there’s been no change in our posture. An", "Antony Blinken"),
    ("000", "We genuinely do not know what he’s talking ab", "Karine Jean-Pierre"),
    ("000", "There are no other pauses, none.", "Karine Jean-Pierre"),
    ("000", "red line", "the administration"),
    ("000", "limited", "U.S. officials"),
    ("001", "We look forward to making progress on all of ", "Matthew Miller"),
    ("001", "decisive", "Yoav Gallant"),
    ("001", "The meetings we are holding are very importan", "Yoav Gallant"),
    ("001", "We have been absolutely consistent that in or", "Matthew Miller"),
    ("001", "Israel is practically occupying the Gaza Stri", "Matthew Miller"),
    ("001", "about 4 months ago, there was a significant d", "Benjamin Netanyahu"),
    ("002", "obstacles were removed and bottlenecks were a", "Yoav Gallant"),
    ("002", "We are in discussions ultimately to find a re", "a senior U.S. official"),
    ("002", "But I think the president has expressed his c", "a senior U.S. official"),
    ("002", "Israel’s commitment to ensuring the safe retu", "Yoav Gallant’s office"),
    ("002", "Nobody that we have talked to, Lebanon, Israe", "a senior U.S. official"),
    ("002", "vis-a-vis Iranian aggression and its nuclear ", "Yoav Gallant’s office"),
    ("002", "currently pursuing the procedures and process", "a senior U.S. official"),
    ("002", "provocative steps", "a senior U.S. official"),
    ("003", "more needs to be done", "Antony Blinken"),
    ("003", "absolutely not part of its policy", "Israel"),
    ("003", "There have been extended discussions on this", "a senior State Department official"),
    ("003", "The measures taken so far are not sufficient ", "a senior State Department official"),
    ("003", "Early progress has been made. We heard more f", "a senior State Department official"),
    ("003", "lethal risk", "the US"),
    ("003", "We’ve made it clear that it has an impact on ", "a senior State Department official"),
    ("003", "Iranian threat", "Benjamin Netanyahu"),
    ("003", "stand together", "Benjamin Netanyahu"),
    ("003", "deep shock", "Antony Blinken"),
    ("003", "very extreme incident", "Antony Blinken"),
    ("003", "expressed concern that it was a very serious ", "a U.S. official"),
    ("003", "diplomatic push", "U.S. officials"),
    ("004", "beyond the pale.", "American officials"),
]

# Quoted words that are not speech.
CORPUS_NOT_SPEECH: list[tuple[str, str]] = [
    ("000", "safe place"),
    ("003", "General Plan"),
    ("000", "Together, we are more powerful than Trump."),  # inside the donation appeal
]
