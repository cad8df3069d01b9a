"""Invented news passages for quote extraction and attribution tests.

Each case is (passage, quote, speaker):
- passage: one to three sentences, composed for these tests (no real article);
- quote: the exact characters between the quotation marks of ONE quotation in the passage
  (punctuation inside the marks included), occurring exactly once in the passage;
- speaker: the canonical full name (people), the descriptor as first introduced (anonymous
  sources), the organisation's name, or None when the quoted words are not speech
  (scare quotes: one or two words with no speech verb).
"""

QUOTE_CASES: list[tuple[str, str, str | None]] = [
    # "X said" after the quote, curly quotes
    (
        "“We have enough beds for tonight,” shelter director Amos Kell said.",
        "We have enough beds for tonight,",
        "Amos Kell",
    ),
    # inverted "said X", straight quotes
    (
        '"The contract is signed," said club president Ruth Mbatha.',
        "The contract is signed,",
        "Ruth Mbatha",
    ),
    # "X said:" before the quote, title before the name
    (
        "Police Chief Dana Whitcombe said: “Nobody was hurt, and the suspect is in custody.”",
        "Nobody was hurt, and the suspect is in custody.",
        "Dana Whitcombe",
    ),
    # "she said" resolved from the previous sentence; title "Health Minister"
    (
        "Health Minister Aiko Tan said the vaccine supply was secure. "
        "“We have ordered enough for every child in the country,” she said.",
        "We have ordered enough for every child in the country,",
        "Aiko Tan",
    ),
    # the possessive (Helen Smith’s) must not be chosen for "she"
    (
        "When asked about Helen Smith’s plan, Councillor Abigail Jones was silent at first. "
        "“No comment,” she said.",
        "No comment,",
        "Abigail Jones",
    ),
    # the object of a preposition (with Daniel Kerr) must not be chosen for "he"
    (
        "After a phone call with Prime Minister Daniel Kerr, Finance Minister Robert Lyle left "
        "the building without stopping. “I have nothing to add,” he said.",
        "I have nothing to add,",
        "Robert Lyle",
    ),
    # the direct object (Governor Mike Dunn) must not be chosen for "he"
    (
        "Senator Alan Price thanked Governor Mike Dunn in a speech on Monday. "
        "“He kept his word to this state,” he said.",
        "He kept his word to this state,",
        "Alan Price",
    ),
    # the possessive (Mark Tully’s) must not be chosen for "he"
    (
        "Inspector Paul Greer reviewed Mark Tully’s statement on Tuesday. "
        "“It does not add up,” he said.",
        "It does not add up,",
        "Paul Greer",
    ),
    # "she" cannot be an organisation (the hospital board)
    (
        "The hospital board met with chief nurse Gloria Pinto on Monday. "
        "“We need 40 more nurses,” she said.",
        "We need 40 more nurses,",
        "Gloria Pinto",
    ),
    # "he said" with straight quotes, antecedent in the previous sentence
    (
        "Farmer Josef Novak watched the water rise from his porch. "
        '"I have never seen anything like it," he said.',
        "I have never seen anything like it,",
        "Josef Novak",
    ),
    # "they" for an anonymous plural source
    (
        "Two people familiar with the talks said a deal was close. "
        "“It could be signed by Friday,” they said.",
        "It could be signed by Friday,",
        "two people familiar with the talks",
    ),
    # "they" for an organisation
    (
        "The Harbour Residents Group said it was not consulted. “Nobody asked us,” they said.",
        "Nobody asked us,",
        "Harbour Residents Group",
    ),
    # "it said" for an organisation
    (
        "The Eastfield Firefighters Union blamed the cuts. "
        "“Two stations are now empty every night,” it said in a statement.",
        "Two stations are now empty every night,",
        "Eastfield Firefighters Union",
    ),
    # anonymous source on condition of anonymity
    (
        "“We were told to stand down,” a senior police officer said on condition of anonymity.",
        "We were told to stand down,",
        "a senior police officer",
    ),
    # "the official said" back-referring to an anonymous source
    (
        "A senior city official described the budget as fragile. "
        "“One bad winter and we are in deficit,” the official said.",
        "One bad winter and we are in deficit,",
        "a senior city official",
    ),
    # anonymous with "X said:" form
    (
        "A spokesperson for the airline, who declined to be named, said: "
        "“All passengers have been rebooked.”",
        "All passengers have been rebooked.",
        "a spokesperson for the airline",
    ),
    # anonymous with "an official at ..."
    (
        "“The talks are over,” an official at the embassy said.",
        "The talks are over,",
        "an official at the embassy",
    ),
    # "according to X" before a partial quote
    (
        "According to plant manager Ilse Brandt, the closure is “final and painful.”",
        "final and painful.",
        "Ilse Brandt",
    ),
    # "according to X" after a full quote
    (
        "“The roof could have collapsed at any moment,” according to building inspector "
        "Farid Haddad.",
        "The roof could have collapsed at any moment,",
        "Farid Haddad",
    ),
    # "according to a statement from" an organisation
    (
        "“No jobs will be lost,” according to a statement from Norvik Steel.",
        "No jobs will be lost,",
        "Norvik Steel",
    ),
    # partial quote inside a reported clause
    (
        "Opposition leader Grace Tan told reporters that the plan was “dead on arrival.”",
        "dead on arrival.",
        "Grace Tan",
    ),
    # partial quote inside a reported clause, straight quotes
    (
        "Economist Rahul Mehta said in an interview that inflation would "
        '"fall below 3 percent by December."',
        "fall below 3 percent by December.",
        "Rahul Mehta",
    ),
    # "X added" with the surname only
    (
        "“We will appeal,” lawyer Simone Duval said. “And we will win,” Duval added.",
        "And we will win,",
        "Simone Duval",
    ),
    # "X continued" with the surname only
    (
        "Coach Pablo Ruiz praised his defence after the match. "
        "“They never stopped running,” Ruiz continued.",
        "They never stopped running,",
        "Pablo Ruiz",
    ),
    # participle: ", adding that “...”"
    (
        "Governor Hannah Pike defended the fuel tax, adding that “nobody likes paying it, "
        "but everybody likes the roads it builds.”",
        "nobody likes paying it, but everybody likes the roads it builds.",
        "Hannah Pike",
    ),
    # split quote: the second part after "she said"
    (
        "Captain Lucy Arden did not hide her disappointment. "
        "“The first half was poor,” she said. “The second half was worse.”",
        "The second half was worse.",
        "Lucy Arden",
    ),
    # split mid-sentence: the second part starts in lower case
    (
        "Council President Maria Okafor defended the plan. "
        "“This budget,” Okafor said, “is the best we can do.”",
        "is the best we can do.",
        "Maria Okafor",
    ),
    # split mid-sentence: the first part
    (
        "“If the rain holds off,” said race director Tomasz Wrona, “we start at nine.”",
        "If the rain holds off,",
        "Tomasz Wrona",
    ),
    # organisation: "the company said in a statement"
    (
        "Veltro Foods recalled 3,000 jars of honey on Monday. "
        "“The product is safe when used as directed,” the company said in a statement.",
        "The product is safe when used as directed,",
        "Veltro Foods",
    ),
    # organisation: a ministry
    (
        "“Exports rose 4 percent in March,” the Trade Ministry said.",
        "Exports rose 4 percent in March,",
        "Trade Ministry",
    ),
    # inverted "said X" with "Dr." and an appositive role
    (
        "“The outbreak is under control,” said Dr. Miriam Osei, the city’s chief medical officer.",
        "The outbreak is under control,",
        "Miriam Osei",
    ),
    # "Ms." plus surname refers back to the full name
    (
        "Principal Adaeze Okonkwo spoke first. Ms. Okonkwo said: “Attendance has never been "
        "higher.”",
        "Attendance has never been higher.",
        "Adaeze Okonkwo",
    ),
    # "told reporters"
    (
        "“We expect a decision by Friday,” union leader Tessa Ng told reporters.",
        "We expect a decision by Friday,",
        "Tessa Ng",
    ),
    # inverted "warned X"
    (
        "“Prices will rise again,” warned central bank governor Elsa Lindgren.",
        "Prices will rise again,",
        "Elsa Lindgren",
    ),
    # inverted "said X" with age and apposition after the name
    (
        "“I have no regrets,” said Fatima Zahra, 34, a nurse from Coldbrook.",
        "I have no regrets,",
        "Fatima Zahra",
    ),
    # nested single quotes inside straight double quotes
    (
        "\"He told me 'not today,' and walked out,\" said shop owner Raj Patel.",
        "He told me 'not today,' and walked out,",
        "Raj Patel",
    ),
    # curly apostrophe inside a curly quote is not a closing single quote
    (
        "“We didn’t expect this many people,” organiser Chloe Baptiste said.",
        "We didn’t expect this many people,",
        "Chloe Baptiste",
    ),
    # nested curly single quotes
    (
        "“My father used to say ‘the river always wins,’ and he was right,” "
        "said boatman Ewan Firth.",
        "My father used to say ‘the river always wins,’ and he was right,",
        "Ewan Firth",
    ),
    # present tense "says X"
    (
        "“It is a good day for the town,” says Mayor Bruno Keller.",
        "It is a good day for the town,",
        "Bruno Keller",
    ),
    # "X said:" with two sentences inside one quotation
    (
        "Defence lawyer Ana Petrova said: “My client is innocent. We will prove it in court.”",
        "My client is innocent. We will prove it in court.",
        "Ana Petrova",
    ),
    # question mark inside the quote, inverted "asked X"
    (
        "“Where was the council when we needed it?” asked resident Omar Farouk.",
        "Where was the council when we needed it?",
        "Omar Farouk",
    ),
    # "he said" after a sentence whose subject is the speaker with a title
    (
        "Transport Minister Nikos Andreou insisted the trains were safe. "
        "“I take them every day,” he said.",
        "I take them every day,",
        "Nikos Andreou",
    ),
    # "wrote" for a written statement
    (
        "In a letter to parents, headteacher Ruth Ansah defended the ban. "
        "“Phones have no place in a classroom,” she wrote.",
        "Phones have no place in a classroom,",
        "Ruth Ansah",
    ),
    # scare quotes: "so-called", two words, no speech verb
    (
        "The council approved the so-called “green corridor” on Tuesday.",
        "green corridor",
        None,
    ),
    # scare quote: one word, no speech verb
    (
        "The “temporary” bridge has now stood for 11 years.",
        "temporary",
        None,
    ),
    # scare quote: one word, with a non-speech verb (defended) nearby
    (
        "Officials defended the “voluntary” evacuation, which left 300 people stranded.",
        "voluntary",
        None,
    ),
    # scare quotes, straight
    (
        'The so-called "smart meters" were installed in 2019.',
        "smart meters",
        None,
    ),
    # scare quote after a possessive
    (
        "The minister’s “reset” has so far produced two resignations.",
        "reset",
        None,
    ),
]
