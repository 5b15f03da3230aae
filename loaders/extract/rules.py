"""The words the grammar reads, in one place: section headings, target verbs, growth and fall words, and how a
comparator word (以上, 控制在, 左右 …) becomes the data model's comparator."""

from __future__ import annotations

import re

from ..judging.comparators import COMPARATORS, DECLINE_WORDS

# Comparator words come from the data model's one table (loaders/comparators.py: 以上, 不低于, 突破, 超过 → >= …);
# reports also qualify figures with these, which the table does not list because no target is written back with them.
EXTRA_COMPARATOR_WORDS = {
    "多": ">=",
    "余": ">=",
    "不少于": ">=",
    "超": ">=",
    "迈上": ">=",
    "区间下限": ">=",
    "前N位": "<=",
    "区间上限": "<=",
    "以下": "<=",
    "低于": "<=",
    # 约7.4万家, 近1.9万个: an approximate figure, as 左右
    "约": "~",
    "约合": "~",
    "折合": "~",
    "近": "~",
    "接近": "~",
    "大约": "~",
}
COMPARATOR_WORDS = {word: c.symbol for c in COMPARATORS.values() for word in c.words_zh} | EXTRA_COMPARATOR_WORDS
# The comparator of a target printed with no qualifier (实现…N), and whether a symbol ties a figure to another's growth.
BARE = next(symbol for symbol, c in COMPARATORS.items() if c.has_value and not c.words_zh)


def follows_related(symbol: str) -> bool:
    return symbol in COMPARATORS and COMPARATORS[symbol].follows_related


AFTER_ONLY = ("以上", "以下", "以内", "左右", "多", "余", "同步")  # these follow the figure; the rest come before it
FALL_WORDS = re.compile("|".join(DECLINE_WORDS + ("回落", "减少", "下滑", "压减", "压降", "缩减")))

# Headings: a review of last year, or this year's tasks and targets (years are checked against --report-year).
RESULT_HEADING = re.compile(r"回顾|过去|一年来|五年来|主要工作|工作总结|成绩|成效")
TARGET_HEADING = re.compile(r"任务|目标|安排|总体要求|工作建议|展望|部署|重点工作|今年|政策取向")
MAIN_TARGETS = re.compile(r"主要预期目标|主要目标|预期目标|主要指标")
TARGET_WORDS = re.compile(r"目标|预期|力争|确保|争取|计划")
ESTIMATE_WORDS = re.compile(r"预计|初步预计|初步统计|初步核算")
GROWTH_WORDS = re.compile(r"同比增长|比上年增长|增长|增速|增幅|涨幅|上涨|下降|降低|回落|减少|下滑|压减|压降|缩减")
SHARE_WORDS = re.compile(r"比重|占比|占")
# Cumulative periods inside a year (1—6月 → month 6).
PERIOD_WORDS = [(r"一季度|第一季度|1[-—～~]3月", 3), (r"上半年|1[-—～~]6月", 6), (r"前三季度|1[-—～~]9月", 9)]

# Words that open a clause but are not part of an indicator's name, and words that close the name before a figure.
LEAD_WORDS = (
    "我们将",
    "我们要",
    "我们",
    "将",
    "把",
    "初步预计",
    "预计",
    "力争",
    "确保",
    "争取",
    "努力",
    "全力",
    "全年",
    "全市",
    "全省",
    "全县",
    "全区",
    "全州",
    "全国",
    "我市",
    "我省",
    "我县",
    "我区",
    "本市",
    "其中",
    "实现",
    "完成",
    "达到",
)
TRAILING_WORDS = (
    "同比增长",
    "比上年增长",
    "较上年增长",
    "同比下降",
    "比上年下降",
    "同比",
    "增长",
    "增速",
    "增幅",
    "下降",
    "降低",
    "减少",
    "压减",
    "压降",
    "缩减",
    "回落",
    "上涨",
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "提高",
    "提升",
    "达到",
    "分别达",
    "分别为",
    "分别",
    "控制在",
    "保持在",
    "稳定在",
    "不低于",
    "不少于",
    "不超过",
    "超过",
    "突破",
    "迈上",
    "达",
    "为",
    "至",
    "到",
    "约",
    "近",
    "接近",
    "大约",
    "共",
    "累计",
    "总计",
    "合计",
    "各",
    "均",
    "超",
)
# A name that is only a verb takes the noun after the figure (新增4个国家4A级旅游景区 → 新增国家4A级旅游景区).
VERB_ONLY = {
    "新增",
    "新建",
    "新开工",
    "开工",
    "建成",
    "完成",
    "实施",
    "开展",
    "获评",
    "获得",
    "新培育",
    "培育",
    "认定",
    "引进",
    "新引进",
    "创建",
    "打造",
    "建设",
    "启动",
    "竣工",
    "竣工验收",
    "加快",
    "推进",
    "全面完成",
    "改造",
    "新增认证",
    "建立",
    "实现",
    "达",
    "达到",
    "有",
    "共有",
    "拥有",
    "办好",
}
# A name ending in 市/州/县/省 is a place only when an indicator or a figure of it follows (武汉市地区生产总值 …).
REGION_FOLLOWERS = re.compile(r"地区生产总值|生产总值|GDP|经济|全市|全州|全县|全省|的|、|，|实现|完成|增长|分别")
# Words ending in 市/州/县/区/省 that are not places.
STOP_REGIONS = (
    "城市",
    "县城",
    "都市",
    "超市",
    "上市",
    "级市",
    "中心城市",
    "省级",
    "市级",
    "县级",
    "全省",
    "全市",
    "全县",
    "全州",
    "我市",
    "我省",
    "本市",
    "各州",
    "各市",
    "各县",
    "州市",
    "县市",
    "市州",
)


def comparator_of(lead: str, figure, scenario: str) -> tuple[str, str]:
    """(comparator, why): words after the figure (以上, 左右) win over words before it (不低于, 控制在); a target with
    none is `=`; a result with none has no comparator."""
    for word in (figure.after, figure.before):
        if word and word in COMPARATOR_WORDS:
            return COMPARATOR_WORDS[word], f"{word} → {COMPARATOR_WORDS[word]}"
    tail = re.sub(r"(达到|达|为|到|至)$", "", lead.rstrip())  # 超过…达, 控制在…为
    for word in sorted(COMPARATOR_WORDS, key=len, reverse=True):
        if word not in AFTER_ONLY and tail.endswith(word):
            return COMPARATOR_WORDS[word], f"{word} → {COMPARATOR_WORDS[word]}"
    return (BARE, f"无限定词 → {BARE} · no qualifier") if scenario == "target" else ("", "")


# Words that are never what a figure measures (选派, 在, 对, 超): a name that is one of these is a fragment.
FRAGMENTS = frozenset(
    "在 对 超 为 达 达到 实现 完成 增长 下降 提高 降低 新增 新建 建成 选派 开展 实施 推进 推动 带动 举办 其中 分别 共 "
    "累计 全年 全省 全市 同比 比上年 以上 左右 约 近 和 及 与 等 的 是 有 获 年 每 各 均 个 项 家 次 人 总量 总数 "
    "增量".split()
)
