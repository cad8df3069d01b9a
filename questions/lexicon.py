"""Word lists for people, roles, anonymous sources and speech: general English news usage."""

from __future__ import annotations

import re

# Head words of a role or title ("Defense Minister", "press secretary", "spokesman").
ROLE_HEADS = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "director", "adviser", "advisor", "ambassador", "chief", "chancellor", "governor", "mayor",
    "senator", "representative", "judge", "justice", "general", "commissioner", "chairman",
    "chairwoman", "chair", "leader", "ceo", "head", "king", "queen", "pope", "premier",
    "councillor", "councilor", "councilmember", "superintendent", "officer", "captain", "coach",
    "manager", "professor", "sheriff", "envoy", "diplomat", "commander", "negotiator",
    "organizer", "organiser", "founder", "economist", "analyst", "correspondent", "editor",
    "attorney", "lawyer", "prosecutor", "inspector", "detective", "deputy", "administrator",
    "dean", "principal", "teacher", "doctor", "nurse", "physician", "scientist", "researcher",
    "researchers", "lawmaker", "legislator", "mp", "senior", "executive", "owner", "member",
    "sen.", "rep.", "gen.", "gov.", "dr.", "prof.", "lt.", "col.", "capt.", "sgt.", "supt.",
    "trustee", "treasurer", "clerk", "marshal", "rabbi", "imam", "bishop", "cardinal", "spokes",
    "councilman", "councilwoman", "alderman", "alderwoman", "librarian", "prefect", "pensioner",
    "retiree", "striker", "midfielder", "defender", "goalkeeper", "forward", "player", "farmer",
    "resident", "student", "activist", "shopkeeper", "driver", "pilot", "engineer", "architect",
    "author", "writer", "novelist", "artist", "singer", "actor", "actress", "chef", "pastor",
    "priest", "reverend", "mother", "father", "volunteer", "firefighter", "paramedic", "surgeon",
    "historian", "epidemiologist", "meteorologist", "forecaster", "hydrologist",
    "veteran", "candidate", "contractor", "landlord", "tenant", "bartender", "welder",
    "miner", "fisherman", "nun", "midwife", "pharmacist", "dentist", "vet", "mechanic",
    "lieutenant",
    "sergeant", "corporal", "private", "colonel", "major", "admiral", "constable", "magistrate",
    "solicitor", "barrister", "counsel", "mep", "president-elect", "speaker", "whip",
}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir",
              "dame", "lord", "lady"}
FEMALE_HONORIFICS = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady"}
MALE_HONORIFICS = {"mr", "mr.", "sir", "lord"}

# Lower-case words that may sit inside a role before a name ("national security adviser").
ROLE_MODIFIERS = {
    "national", "security", "senior", "top", "deputy", "chief", "foreign", "defense", "defence",
    "political", "press", "former", "acting", "interim", "vice", "assistant", "general",
    "executive", "state", "department", "city", "council", "health", "finance", "interior",
    "justice", "military", "army", "police", "fire", "union", "party", "opposition", "district",
    "county", "regional", "local", "federal", "government", "school", "board", "hospital",
    "company", "club", "team", "head", "lead", "prime", "of", "for", "the", "public",
    "communications", "media", "strategic", "affairs", "economic", "trade", "energy",
    "environment", "education", "transport", "housing", "labor", "labour", "white", "house",
    "intelligence", "spy", "agency", "cia", "fbi", "un", "eu", "nato", "staff", "joint",
}
ANON_HEADS = {
    "official", "officials", "source", "sources", "aide", "aides", "diplomat", "diplomats",
    "person", "people", "officer", "officers", "insider", "insiders", "staffer", "staffers",
    "spokesperson", "spokesman", "spokeswoman", "representative", "representatives",
    "negotiator", "negotiators", "adviser", "advisers", "advisor", "advisors", "analyst",
    "analysts", "resident", "residents", "witness", "witnesses", "employee", "employees",
    "worker", "workers", "member", "members",
}
ORG_HEADS = {
    "trust", "chamber", "tribunal", "bureau", "directorate", "secretariat", "inquiry", "panel",
    "utility", "operator", "airline", "carrier", "manufacturer", "newspaper", "broadcaster",
    "office", "ministry", "department", "administration", "government", "agency", "statement",
    "company", "council", "board", "committee", "campaign", "police", "army", "military",
    "union", "court", "commission", "spokesperson's office", "white house", "kremlin",
    "pentagon", "embassy", "authority", "authorities", "service", "group", "party", "team",
    "delegation", "negotiators",
    "club", "firm", "bank", "hospital", "university", "school", "district", "city", "county",
    "state", "organisation", "organization", "coalition", "alliance", "cabinet", "parliament",
    "congress", "senate", "regulator", "watchdog", "charity", "association", "federation",
    "foundation", "institute", "network", "forces", "military's",
}
# Capitalised words that never start or end a person's name.
NOT_NAME_WORDS = {
    "the", "a", "an", "in", "on", "at", "but", "and", "for", "as", "when", "while", "if", "after",
    "before", "since", "during", "without", "with", "by", "from", "to", "of", "over", "under",
    "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "our", "his", "her",
    "their", "its", "my", "your", "asked", "according", "however", "meanwhile", "also", "yet",
    "so", "then", "there", "here", "what", "who", "why", "how", "where", "which", "all", "no",
    "not", "some", "many", "most", "more", "one", "two", "three", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "house", "department", "strip", "states", "kingdom", "bank", "ministry", "office",
    "council", "nations", "union", "forces", "party", "court", "agency", "street", "times",
    "news", "post", "press", "service", "administration", "pentagon", "affairs", "security",
    "border", "building", "plan", "principles", "rights", "day", "guide", "way", "time",
    "government", "state", "city", "county", "republic", "east", "west", "north", "south",
    "middle", "university", "hospital", "school", "committee", "commission", "board", "group",
    "company", "corporation", "inc", "ltd", "airport", "river", "lake", "mountain", "park",
    "square", "avenue", "road", "bridge", "center", "centre", "hall", "station", "church",
    "mosque", "temple", "tower", "palace", "capitol", "congress", "senate", "parliament",
    "assembly", "cabinet", "police", "army", "navy", "force", "guard", "brigade", "division",
    "network", "media", "foundation", "institute", "association", "federation", "alliance",
    "coalition", "front", "movement", "club", "league", "cup", "championship", "games", "war",
    "conflict", "crisis", "act", "law", "bill", "treaty", "accord", "deal", "program",
    "programme", "project", "operation", "campaign", "summit", "conference", "meeting",
    "report", "statement", "video", "photo", "file", "licensing", "reuters", "update",
    "breaking", "exclusive", "analysis", "opinion", "editorial", "live", "watch", "read",
    "share", "top", "trending", "related", "popular", "categories", "american", "americans",
    "israeli", "israelis", "palestinian",
    "palestinians", "british", "french", "german", "russian", "chinese", "european", "u.s.",
    "us", "u.n.", "un", "uk", "eu", "nato", "defense", "defence", "minister", "secretary",
    "president", "prime", "national", "adviser", "advisor", "spokesman", "spokeswoman",
    "director", "chief", "general", "leader", "senior", "former", "deputy", "chairman",
    "mayor", "governor", "senator", "judge", "justice", "ambassador", "envoy", "commander",
    "officer", "captain", "coach", "professor", "king", "queen", "pope", "sheriff",
    "superintendent", "councillor", "councilor", "representative", "premier", "chancellor",
    "sources", "officials", "official", "leadership", "island", "islands", "coast", "sea",
    "ocean", "gulf", "valley", "region", "province", "territory", "territories", "zone",
}

# Verbs that introduce or tag speech, in the forms news uses.
SPEECH_VERBS = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding",
    "continued", "continues", "continuing", "stated", "states", "declared", "declares",
    "explained", "explains", "explaining", "noted", "notes", "noting", "stressed", "stresses",
    "stressing", "emphasized", "emphasised", "emphasizes", "emphasising", "emphasizing",
    "asserted", "asserts", "insisted", "insists", "insisting", "warned", "warns", "warning",
    "argued", "argues", "arguing", "claimed", "claims", "claiming", "reiterated", "reiterates",
    "clarified", "clarifies", "confirmed", "confirms", "acknowledged", "acknowledges",
    "announced", "announces", "remarked", "remarks", "replied", "replies", "responded",
    "responds", "wrote", "writes", "tweeted", "posted", "assured", "assures", "pledged",
    "pledges", "pledge", "promised", "promises", "vowed", "vows", "described", "describes",
    "describing", "characterized", "characterised", "characterizes", "called", "calls",
    "blasted", "slammed", "cited", "cites", "citing", "admitted", "admits", "asked", "asks",
    "urged", "urges", "recalled", "recalls", "suggested", "suggests", "conceded", "concedes",
    "complained", "complains", "predicted", "predicts", "joked", "expressed", "expresses",
    "expressing", "pointed out", "points out", "pointing out", "went on", "shouted",
    "whispered", "testified", "testifies", "countered", "counters", "retorted",
    "agreed", "agrees", "denied", "denies", "wondered", "boasted", "mused", "quipped",
    "texted", "messaged", "emailed", "reported", "reports", "summed up", "put it",
    "labelled", "labeled", "dismissed", "hailed", "praised", "criticized", "criticised",
    "condemned", "demanded", "demands", "observed", "observes", "commented",
    "comments", "repeated", "repeats", "echoed", "accused", "accuses", "lamented",
    "concluded", "concludes", "answered", "answers", "pressed", "presses", "barked",
    "snapped", "exclaimed", "interjected", "interrupted", "cautioned", "cautions",
    "contended", "contends", "maintained", "maintains", "fumed", "thundered", "yelled",
    "screamed", "cried", "sighed", "elaborated", "recounted", "recounts", "alleged",
    "alleges", "charged", "charges", "reasoned", "speculated", "advised", "implored",
    "pleaded", "begged", "proclaimed", "affirmed", "affirms", "confided", "disclosed",
    "revealed", "reveals", "teased", "mocked", "chided", "scoffed", "added later",
    "quips", "jokes", "tweets", "posts", "opined",
}
PARTICIPLES = {v for v in SPEECH_VERBS if v.endswith("ing")}
# Speech verbs of two words: "pointed out", "went on".
TWO_WORD_SPEECH_VERBS = {("pointed", "out"), ("points", "out"), ("went", "on"), ("summed", "up")}
_verb_alternatives = sorted(SPEECH_VERBS, key=len, reverse=True)
SPEECH_VERB_RE = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in _verb_alternatives) + r")\b",
                            re.IGNORECASE)

# Words that may stand between a speaker and the speech verb ("Netanyahu went on to pledge").
BETWEEN_SUBJECT_AND_VERB = {
    "also", "later", "then", "further", "again", "reportedly", "has", "had", "have", "would",
    "will", "previously", "earlier", "repeatedly", "once", "separately", "publicly", "privately",
    "simply", "only", "went", "on", "to", "just", "recently", "angrily", "flatly", "firmly",
    "quickly", "bluntly", "openly", "explicitly", "curtly", "calmly", "was", "is",
    "were", "are", "been", "being", "tersely", "finally", "first", "herself", "himself",
}
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "him": "m", "her": "f", "them": "p"}
SCARE_MARKERS = re.compile(r"\b(?:so-called|so called|dubbed|nicknamed|known as|termed)\s*$",
                           re.IGNORECASE)

# Last words that mark a capitalised name as a company or a club ("Veltro Foods", "Porto FC").
ORG_NAME_SUFFIXES = {
    **dict.fromkeys([
        "foods", "steel", "inc", "ltd", "llc", "plc", "corp", "corporation", "group", "holdings",
        "motors", "airlines", "airways", "energy", "partners", "capital", "labs", "systems",
        "technologies", "pharmaceuticals", "pharma", "logistics", "industries", "chemicals",
        "mining", "oil", "electric", "telecom", "insurance", "brands", "enterprises", "gmbh",
        "ag", "sa", "co"], "company"),
    **dict.fromkeys(["fc", "afc", "cf", "sc", "athletic", "rovers", "wanderers", "hotspur"],
                    "club"),
    **dict.fromkeys(["times", "post", "journal", "herald", "tribune", "gazette", "ledger",
                     "courier", "chronicle", "guardian", "telegraph", "observer", "examiner",
                     "inquirer", "register", "sentinel", "bulletin", "dispatch", "express",
                     "mirror", "magazine", "weekly", "daily", "news", "newspaper", "wire",
                     "press"], "media"),
}
# Generic nouns that refer back to a company or a club named earlier.
GENERIC_ORG_NOUNS = {
    "company": "company", "firm": "company", "group": "company", "carmaker": "company",
    "retailer": "company", "manufacturer": "company", "insurer": "company", "lender": "company",
    "airline": "company", "employer": "company", "producer": "company", "supplier": "company",
    "club": "club", "team": "club", "side": "club",
    "newspaper": "media", "paper": "media", "daily": "media", "magazine": "media",
    "outlet": "media", "broadcaster": "media", "network": "media", "tabloid": "media",
}
