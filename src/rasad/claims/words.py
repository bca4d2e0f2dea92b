"""Function words the claim rules rely on (normalised: hamza-less alef, ى → ي, ة → ه).

Kept apart from the rules so that the rules read as rules; the open-class vocabulary (cue verbs, source nouns)
is in the authored table resources/lexicons/attribution_cues.tsv.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of space-separated words."""
    return frozenset(text.split())


def forms(bases: str, suffixes: str = "") -> frozenset[str]:
    """The bases, alone and with each suffix."""
    out = set()
    for base in bases.split():
        out.add(base)
        out.update(base + s for s in suffixes.split())
    return frozenset(out)


QUOTES = frozenset('"«»“”„')
OPEN_QUOTES = frozenset("«“„")
CLOSE_QUOTES = frozenset("»”")
# أن/إن/بأن (+ pronoun): the clause they open is the reported content.
THAT_WORDS = forms("ان بان", "ه ها هم هما هن ني نا كم")

# أن after these is not a report complement (بعد أن، يجب أن، رغم أن …).
NOT_THAT_BEFORE = words(
    "اراد الا الي امكان بالرغم بامكان بد بدون برغم بعد بما تحاول تريد تقرر حتي حيث دون رغم ريثما سبق شرط "
    "طالما عسي غير قبل قرر كما لابد لو مع مقابل منذ وسبق ولو يتعين يجب يحاول يريد يريدون يمكن ينبغي"
)

# Time adverbs that end a source phrase (واعتبرت الوزارة | أمس الإثنين أن …).
TIME_WORDS = words(
    "اخيرا الاثنين الاحد الاربعاء الاسبوع الان الثلاثاء الجمعه الخميس السبت السنه الشهر العام الليله "
    "الماضي اليوم امس ايضا بدوره بدورها بدورهم حاليا سابقا صباح صباحا ظهر عصر غدا فجر كذلك لاحقا ليل "
    "مؤخرا مجددا مساء يوم"
)

# Quantifiers and honorifics let the noun after them head the phrase (بعض وسائل الإعلام، معالي وزير …).
QUANTIFIERS = words("احد اغلب بعض جميع دوله سعاده سمو صاحب غالبيه فخامه كبار كل معالي معظم")

# Pronoun objects between a verb and its subject (يكشف لنا هذا الدرس، أكد له الوزير).
OBJECT_PRONOUNS = words(
    "الينا اليه اليها اليهم به بها بهم عليه عليها عليهم عنه عنها عنهم فيه فيها فيهم لك لكم لنا له لها لهم "
    "لهما لهن لي معه معها معهم منه منها منهم اليك اليكم بك بكم عليك عليكم عنك عنكم فيك فيكم منك منكم معك معكم"
)

# Words that end a phrase read forward from its head: prepositions, relatives, demonstratives, auxiliaries.
NP_STOP = (
    THAT_WORDS
    | TIME_WORDS
    | OBJECT_PRONOUNS
    | words(
        "اثر اثناء اذ التي الذي الذين اللاتي اللتان اللذان اللواتي الي ام امام او اول ب بشان بعد بل تكون تلك "
        "ثم حول حيث حين خلال ذلك ضد عبر عقب علي عن عند ف فان فانه فانها في فيما قبل قد كان كانت كانه كانها "
        "كانهم كانوا كما ل لا لدي لقد لكن لم لن ما مثل مع من منذ هذا هذه هم هما هو هي و والتي والذي والذين "
        "وسط وكانه وكانها وكانهم وهم وهو وهي يكون"
    )
)

# Words that end a phrase read backward from a verb (the phrase starts right after them).
LEFT_STOP = NP_STOP | words(
    "اذا الا بينما حتي فقد فكان فكانت فكانوا كي لان لكي لو وان وبينما وحيث وفيما وقد وكان وكانت وكانوا "
    "وكما ولكن ولم ولن ولو"
)

# ل + noun words that still belong to an organisation name (وكالة رويترز للأنباء، المرصد السوري لحقوق الإنسان).
L_CONTINUATIONS = words("ابحاث اذاعه اعلام انباء بحوث تلفزيون حقوق دراسات شؤون صحافه")

# Relative pronouns: after them a verb's subject is their antecedent, not the phrase that follows.
RELATIVES = words("التي الذي الذين اللتين اللذين والتي والذي والذين")

# A negated cue reports nothing (لم يذكر التقرير أن …).
NEGATIONS = words("فلم لا لم لن ما ولا ولم ولن وما")

# A cue after these is hypothetical or wished for, not reported (لكي يقول العرب …، ربما يرى البعض …);
# قد is one of them only before an imperfect (قد يرى = may see; كانت X قد ذكرت = had said).
MODAL_BEFORE = words("لكي كي ولكي حتي ربما")

# The writer's background formulas (يذكر أن …، يشار إلى أن …), not a report by anyone.
BACKGROUND_FORMULAS = words("ويذكر ويشار يذكر يشار")

# مصدر مسؤول رفض الكشف عن اسمه: verbs and nouns of a source's refusal to be named.
NAMELESS_VERBS = words("اشترط رافضا رفض طالبا طلب فضل مشترطا مفضلا")

NAME_WORDS = words("اسمائهم اسمه اسمها اسمهم هويته هويتها هويتهم")

# "، وهو …" is an apposition inside an attribution (قال فلان، وهو خبير، إن …), not a new clause.
APPOSITION_OPENERS = words("والتي والذي وهم وهما وهو وهي")

# Words after which a verb opens a clause of its own (… حيث قال، فيما قالت …).
CLAUSE_WORDS = words("اذ بينما ثم حيث فيما كما وحيث")

# Prepositions skipped before an object content (تخشى من …، أعرب عن …).
OBJECT_PREPOSITIONS = words("الي ب علي عن في من")

# Words that, after a comma, start a clause that is no longer part of the report.
CLAUSE_CONNECTORS = words(
    "اذ الا بينما ثم حيث حين غير فيما كما لاسيما لكن وبينما وذلك وفيما وكما ولكن ويذكر ويشار يذكر يشار"
)
