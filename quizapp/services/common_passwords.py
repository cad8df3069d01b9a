"""Passwords too common to accept, and characters a password must not be made of.

MIN_PASSWORD_LENGTH already refuses most of the lists of leaked passwords, which are short.
What is left: the common ones of 10 characters or more (from the published top lists of
leaked passwords), plus patterns any list would hold (one key repeated, a run of digits or
a keyboard row), compared after lower-casing and dropping spaces.
"""

from __future__ import annotations

import unicodedata

_LISTED = """
1234567890 0123456789 0987654321 9876543210 1234512345 1122334455 1111111111 0000000000
1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5 1qaz2wsx3edc qwertyuiop qwertyuiop1 asdfghjkl1
zxcvbnm123 qwerty1234 qwerty12345 qwerty123456 1234qwerty 123qweasdzxc qweasdzxc123
password12 password123 password1234 password12345 passw0rd123 p@ssw0rd123 mypassword
mypassword1 mypassword123 password01 passwordpassword letmein123 letmeinplease
iloveyou12 iloveyou123 iloveyou1234 iloveyouforever welcome123 welcome1234 welcometo
sunshine123 princess123 football123 baseball123 basketball basketball1 superman123
starwars123 pokemon123 computer123 internet123 changeme123 changeme12 trustno1234
abcdefghij abcdefghijk abcdefg123 abcd123456 abc1234567 a123456789 aa12345678
administrator admin12345 admin123456 administrator1 teacher123 teacher1234 school1234
student123 student1234 classroom1 papertrail papertrail1 papertrail123 qwertyqwerty
123456789a 123456789q 12345678910 1234567891 12345qwert 123456qwerty 987654321a
michael123 jennifer123 charlie123 jordan1234 thomas1234 liverpool1 chelsea123 arsenal123
monkey1234 dragon1234 shadow1234 master1234 freedom123 whatever123 blink18222 zaq12wsxcde
"""
COMMON = frozenset(_LISTED.split())


def is_common(password: str) -> bool:
    """Return whether the password is a common one or a trivial pattern."""
    folded = "".join(password.split()).lower()
    if folded in COMMON or len(set(folded)) <= 2:
        return True
    digits = "01234567890123456789"
    return folded.isdigit() and (folded in digits or folded in digits[::-1])


def visible_length(password: str) -> int:
    """Return how many characters of the password print as something (not blank)."""
    return sum(1 for ch in password if not _blank(ch))


def has_invisible(password: str) -> bool:
    """Return whether the password holds control or invisible formatting characters."""
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cn", "Cs"} for ch in password)


def _blank(ch: str) -> bool:
    # Separators (space, no-break space, ...) and the zero-width and control characters.
    return ch.isspace() or unicodedata.category(ch) in {"Zs", "Zl", "Zp", "Cc", "Cf"}
