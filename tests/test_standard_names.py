"""The vocabulary of standard indicators: one entry per indicator, every name it knows leads to one entry."""

from loaders.extract.standard_names import key_of, standard_indicator, standard_indicators


def test_a_report_name_finds_its_standard_indicator():
    assert standard_indicator("全省生产总值").id == "gdp"
    assert standard_indicator("GDP").name_zh == "地区生产总值"
    assert standard_indicator("城镇居民人均可支配收入").id == "urban_disposable_income"
    assert standard_indicator("细颗粒物(PM2.5)平均浓度").unit == "微克/立方米"
    assert standard_indicator("规上工业增加值").name_en == "Value added of industry above designated size"


def test_a_fragment_or_other_name_is_not_a_standard_indicator():
    for name in ("选派", "在", "累计", "城镇", "生产总值增长"):
        assert standard_indicator(name) is None, name


def test_ids_and_names_are_each_used_once():
    entries = standard_indicators()
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    keys = [key_of(n) for e in entries for n in (e.name_zh, *e.aliases)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
    assert all(e.name_en and e.unit for e in entries)


def test_ids_of_the_shipped_catalogue_are_kept():
    import yaml

    shipped = {i["id"]: i["name_zh"] for i in yaml.safe_load(open("indicators.yaml", encoding="utf-8"))["indicators"]}
    for entry in standard_indicators():
        if entry.id in shipped:
            assert standard_indicator(shipped[entry.id]) == entry, entry.id
