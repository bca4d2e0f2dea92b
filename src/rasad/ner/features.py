"""CRF features for Arabic NER, built once per word type.

A token's features are (a) its own word-type features, (b) a few features of its neighbours at -2..+2, and
(c) sentence-level features (multi-word gazetteer matches, stem bigrams, sentence edges). (a) and (b) depend
only on the word, so each word type is featurised once into five lists (one per relative position). Training
concatenates those lists per token for crfsuite; the runtime (`rasad.ner.tagger`) instead turns each word
type's lists into label-score vectors once, so no feature strings are built per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rasad.ner.arabic import keys_from_split, normalize, split_proclitics, strip_pronoun_suffix, word_shape
from rasad.ner.gazetteer import Gazetteer

# Trigger lexicons (authored here, normalised, without the article: they are compared with the stem).
PERSON_TITLES = frozenset(normalize(w) for w in ["رئيس", "رئيسة", "الرئيس", "وزير", "وزيرة", "الشيخ", "شيخ", "الدكتور", "دكتور", "د", "الملك", "ملك", "الأمير", "أمير", "الأميرة", "السيد", "السيدة", "الأمين", "أمين", "المستشار", "مستشار", "العاهل", "النائب", "نائب", "الجنرال", "اللواء", "العميد", "العقيد", "الفريق", "المشير", "الأستاذ", "المهندس", "الحاج", "البابا", "القاضي", "الإمام", "المتحدث", "الناطق", "السفير", "سفير", "المدير", "مدير", "الزعيم", "زعيم", "المرشد", "الكاتب", "الفنان", "الفنانة", "اللاعب", "لاعب", "المدرب", "مدرب", "الممثل", "الممثلة", "المغني", "المطرب", "الشاعر", "الروائي", "الداعية", "المبعوث", "المفوض", "المحافظ", "محافظ", "القائد", "قائد", "الرئيسة", "المستشارة", "السلطان", "الوزير", "الجنرال", "الكابتن", "المخرج", "المرشح", "الصحفي", "الباحث", "البروفيسور"]) | frozenset(split_proclitics(normalize(w))[1] for w in ["الرئيس", "الوزير", "الشيخ", "الدكتور", "الملك", "الأمير", "السيد", "السيدة", "الأمين", "المستشار", "العاهل", "النائب", "الجنرال", "اللواء", "العميد", "العقيد", "المشير", "الأستاذ", "المهندس", "الحاج", "البابا", "القاضي", "الإمام", "المتحدث", "الناطق", "السفير", "المدير", "الزعيم", "المرشد", "الكاتب", "الفنان", "اللاعب", "المدرب", "الممثل", "المغني", "المطرب", "الشاعر", "الروائي", "المبعوث", "المفوض", "المحافظ", "القائد", "السلطان", "المرشح", "الصحفي", "الباحث"])
PERSON_LINKS = frozenset(normalize(w) for w in ["بن", "ابن", "بنت", "أبو", "أبي", "أم", "عبد", "آل"])
ORG_HEADS = frozenset(normalize(w) for w in ["وزارة", "شركة", "جامعة", "وكالة", "منظمة", "مجلس", "هيئة", "حزب", "اتحاد", "جمعية", "مؤسسة", "بنك", "مصرف", "صندوق", "لجنة", "حركة", "جبهة", "مركز", "معهد", "أكاديمية", "نادي", "فريق", "صحيفة", "مجموعة", "محكمة", "برلمان", "منتخب", "قناة", "إذاعة", "تلفزيون", "جيش", "قوات", "مكتب", "إدارة", "مديرية", "أمانة", "غرفة", "نقابة", "رابطة", "تنظيم", "مجمع", "مستشفى", "كلية", "مدرسة", "منتدى", "مصلحة", "سلطة", "بورصة", "سوق", "وزارات", "شركات", "جامعات", "منظمات", "هيئات", "أحزاب"])
LOC_HEADS = frozenset(normalize(w) for w in ["مدينة", "محافظة", "ولاية", "عاصمة", "منطقة", "إقليم", "جزيرة", "جزر", "بحر", "نهر", "جبل", "جبال", "خليج", "قرية", "بلدة", "مقاطعة", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "دولة", "مملكة", "جمهورية", "ميناء", "مطار", "حي", "شارع", "مخيم", "بلاد", "إمارة", "سلطنة", "قطاع", "ضاحية", "وسط", "أراضي", "مدن", "عواصم", "دول"])
# Reporting verbs and prepositions that often precede a name; they help the CRF with unseen names.
SPEECH_CUES = frozenset(normalize(w) for w in ["قال", "أعلن", "أكد", "أضاف", "صرح", "أوضح", "أشار", "ذكر", "نفى", "دعا", "طالب", "قالت", "أكدت", "أعلنت"])

_CONTEXT_OFFSETS = (-2, -1, 1, 2)
# Feature kinds a word also contributes to its neighbours at distance 1, and the subset at distance 2.
# A neighbour's feature "f" appears as "-1:f", "1:f", "-2:f" or "2:f".
CONTEXT_KINDS = ("w=", "st=", "c0=", "c1=", "c2=", "c3=", "c=", "sc", "gz=", "tr=", "sh=", "art=", "nn=")
FAR_CONTEXT_KINDS = ("st=", "c1=", "c2=", "tr=", "gz=")


@dataclass(frozen=True)
class WordInfo:
    """Cached per word type: features at each relative position (index = offset + 2), plus lookup data."""

    by_offset: tuple[list[str], list[str], list[str], list[str], list[str]]
    norm: str
    stem: str
    keys: tuple[str, ...]


class WordLookup(Protocol):
    """What the sentence-level features need to know about each word."""

    @property
    def norm(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def keys(self) -> tuple[str, ...]: ...


class Featurizer:
    """Turns token lists into crfsuite attribute lists. `counts` maps a normalised word to its frequency in
    the unlabeled corpus; `clusters` maps it to cluster ids at increasing granularity; `gazetteer` gives
    place/language-name matches."""

    def __init__(self, counts: dict[str, int], clusters: dict[str, tuple[int, ...]], gazetteer: Gazetteer, *,
                 neighbour_types: dict[str, str] | None = None, cache_size: int = 60000):
        self.counts = counts
        self.clusters = clusters
        # word -> entity type its nearest labelled words (embedding space) mostly have, e.g. "ORG" or "ORG+"
        # when the vote is strong (`rasad.train.neighbours`)
        self.neighbour_types = neighbour_types or {}
        self.gazetteer = gazetteer
        self.cache_size = cache_size
        self._cache: dict[str, WordInfo] = {}

    def _cluster_features(self, keys: tuple[str, ...], stem: str, out: list[str]) -> None:
        found = None
        for key in keys:
            found = self.clusters.get(key)
            if found is not None:
                break
        if found is None:
            out.append("c=UNK")
        else:
            out.extend(f"c{i}={cid}" for i, cid in enumerate(found))
        stem_ids = self.clusters.get(stem)
        if stem_ids is not None and stem != keys[0]:
            out.extend(f"sc{i}={cid}" for i, cid in enumerate(stem_ids))

    def word_own_features(self, word: str) -> tuple[list[str], str, str, tuple[str, ...]]:
        """Features of a word at its own position (no offset prefix), and its norm, stem and lookup keys."""
        norm = normalize(word)
        counts = self.counts or None
        clitics, stem = split_proclitics(norm, counts)
        bare = strip_pronoun_suffix(stem)
        keys = keys_from_split(norm, clitics, stem)
        shape = word_shape(word)
        feats = ["bias", "w=" + norm, "st=" + stem, "cl=" + clitics, "sh=" + shape, f"len={min(len(stem), 9)}"]
        if bare != stem:
            feats.append("st2=" + bare)
        for n in (1, 2, 3, 4):
            if len(stem) > n:
                feats.append(f"p{n}=" + stem[:n])
                feats.append(f"s{n}=" + stem[-n:])
        if shape == "ARABIC":
            self._cluster_features(keys, stem, feats)
            if counts is not None:
                feats.extend(self._frequency_features(norm, stem))
        feats.extend("gz=" + kind for kind in self.gazetteer.single_kinds(keys))
        for key in keys:
            kind = self.neighbour_types.get(key)
            if kind is not None:
                feats.append("nn=" + kind)
                break
        feats.extend(self._trigger_features(stem, norm))
        return feats, norm, stem, keys

    def _frequency_features(self, norm: str, stem: str) -> list[str]:
        """Rarity of the word, and how often its stem takes the article: foreign proper names are rare and
        almost never appear as ال+stem, common nouns and adjectives usually do."""
        count = self.counts.get(norm, 0)
        out = [f"fq={min(count.bit_length(), 14) // 2}"]
        bare, with_article = self.counts.get(stem, 0), self.counts.get("ال" + stem, 0)
        total = bare + with_article
        if total >= 5:
            ratio = with_article / total
            out.append("art=" + ("none" if ratio < 0.02 else "low" if ratio < 0.2 else "mid" if ratio < 0.6
                                 else "high"))
        return out

    @staticmethod
    def _trigger_features(stem: str, norm: str) -> list[str]:
        out = []
        if stem in PERSON_TITLES or norm in PERSON_TITLES:
            out.append("tr=TITLE")
        if norm in PERSON_LINKS:
            out.append("tr=LINK")
        if stem in ORG_HEADS:
            out.append("tr=ORG")
        if stem in LOC_HEADS:
            out.append("tr=LOC")
        if norm in SPEECH_CUES or stem in SPEECH_CUES:
            out.append("tr=SAY")
        return out

    def build_word_info(self, word: str) -> WordInfo:
        """Featurise one word type (uncached)."""
        own, norm, stem, keys = self.word_own_features(word)
        # Neighbours contribute their identity, stem, clusters and trigger/gazetteer/shape classes.
        context_base = [f for f in own if f.startswith(CONTEXT_KINDS)]
        far_base = [f for f in context_base if f.startswith(FAR_CONTEXT_KINDS)]
        lists = []
        for offset in (-2, -1, 0, 1, 2):
            if offset == 0:
                lists.append(own)
            else:
                base = far_base if abs(offset) == 2 else context_base
                lists.append([f"{offset}:{f}" for f in base])
        return WordInfo((lists[0], lists[1], lists[2], lists[3], lists[4]), norm, stem, keys)

    def word_info(self, word: str) -> WordInfo:
        info = self._cache.get(word)
        if info is None:
            info = self.build_word_info(word)
            if len(self._cache) >= self.cache_size:
                self._cache.clear()  # crude bound on memory for long-running workers; refills quickly
            self._cache[word] = info
        return info

    def sentence_extras(self, infos: Sequence[WordLookup]) -> list[list[str]]:
        """Features that depend on more than one word: multi-word gazetteer matches and stem bigrams."""
        gaz = self.gazetteer.match([i.norm for i in infos], [i.keys for i in infos])
        n = len(infos)
        out = []
        for i, info in enumerate(infos):
            extra = []
            match = gaz[i]
            if match is not None:
                extra.append("gzm=" + match)
            if i > 0:
                extra.append("bg-=" + infos[i - 1].stem + "|" + info.stem)
            if i + 1 < n:
                extra.append("bg+=" + info.stem + "|" + infos[i + 1].stem)
            out.append(extra)
        return out

    def sentence_features(self, tokens: list[str]) -> list[list[str]]:
        """Attribute lists for crfsuite (training, and a reference for the compiled runtime scorer)."""
        infos = [self.word_info(tok) for tok in tokens]
        n = len(infos)
        extras = self.sentence_extras(infos)
        out = []
        for i, info in enumerate(infos):
            feats = list(info.by_offset[2])
            for offset in _CONTEXT_OFFSETS:
                j = i + offset
                if 0 <= j < n:
                    feats.extend(infos[j].by_offset[offset + 2])
                elif offset in (-1, 1):
                    feats.append("BOS" if offset < 0 else "EOS")
            feats.extend(extras[i])
            out.append(feats)
        return out
