from rasad.ner.features import Featurizer
from rasad.ner.gazetteer import Gazetteer


def make_featurizer() -> Featurizer:
    counts = {"بوتين": 400, "موسكو": 300, "الرئيس": 5000, "رئيس": 2000, "زار": 800, "الروسي": 600,
              "روسي": 50}
    clusters = {"بوتين": (1, 11, 111), "موسكو": (2, 22, 222), "الرئيس": (3, 33, 333)}
    gazetteer = Gazetteer([(("موسكو",), "LOC"), (("الولايات", "المتحده"), "LOC")])
    return Featurizer(counts, clusters, gazetteer)


def test_own_features_see_through_clitics_to_clusters_gazetteer_and_triggers():
    featurizer = make_featurizer()
    feats = featurizer.sentence_features(["وزار", "الرئيس", "وبوتين", "لموسكو"])
    putin = set(feats[2])
    assert {"w=وبوتين", "st=بوتين", "cl=و"} <= putin
    assert {"c0=1", "c1=11", "c2=111"} <= putin  # cluster found via the clitic-free key
    assert "-1:tr=TITLE" in putin  # الرئيس just before
    moscow = set(feats[3])
    assert {"st=موسكو", "cl=ل", "gz=LOC", "c0=2"} <= moscow
    assert "EOS" in moscow and "BOS" in set(feats[0])
    assert "tr=TITLE" in set(feats[1])


def test_unknown_word_gets_affixes_and_unknown_cluster():
    feats = set(make_featurizer().sentence_features(["زيلينسكي"])[0])
    assert {"c=UNK", "p2=زي", "s3=سكي", "sh=ARABIC", "fq=0"} <= feats


def test_multi_word_gazetteer_match_with_clitic_on_first_token():
    feats = make_featurizer().sentence_features(["في", "وبالولايات", "المتحدة", "اليوم"])
    assert "gzm=B-LOC" in feats[1]
    assert "gzm=I-LOC" in feats[2]
    assert not any(f.startswith("gzm=") for f in feats[3])


def test_article_ratio_marks_common_adjectives():
    feats = set(make_featurizer().sentence_features(["الروسي"])[0])
    assert "art=high" in feats


def test_context_features_are_prefixed_subsets_and_cache_is_reused():
    featurizer = make_featurizer()
    info = featurizer.word_info("بوتين")
    own = set(info.by_offset[2])
    near = {f.split(":", 1)[1] for f in info.by_offset[1]}
    far = {f.split(":", 1)[1] for f in info.by_offset[0]}
    assert far <= near <= own
    assert all(f.startswith("-1:") for f in info.by_offset[1])
    assert "w=بوتين" in near and "w=بوتين" not in far and "p2=بو" not in near
    assert featurizer.word_info("بوتين") is info
