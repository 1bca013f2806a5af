"""A seeded generator of realistic plan corpora for the benchmarks.

`generate(folder, measures=N, plan_measures=M)` writes about N/M plan files of M measures each,
in the shapes the parser reads: `.txt` (UTF-8, UTF-8 with BOM, GB18030) and `.md` (Markdown
headings), with chapters `一、`, sections `（一）` and measures
`N. text（牵头单位：A、B。责任单位：C、D）`. Like a province's real corpus:

- each plan belongs to a region (市/县/区) and names that region's departments, plus now and
  then a provincial one; which department is named follows a Zipf-like popularity (a few
  bureaus carry most measures);
- a measure has 1-3 leads and 0-8 supporters; a few wrap onto a second line, a few number anew
  in each section, a few have a collective unit (…各成员单位) or no supporting list;
- every plan has several chapters (themes) of a few sections each.

The same seed always gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import itertools
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Bureaus in rough order of how often plans name them (the Zipf rank).
BUREAUS = _words(
    "委组织部 人力资源社会保障局 发展改革委 财政局 教育局 科技局 经济和信息化局 委宣传部 "
    "卫生健康委 住房城乡建设局 自然资源局 农业农村局 商务局 市场监管局 生态环境局 交通运输局 "
    "文化广电旅游局 民政局 司法局 公安局 应急管理局 审计局 统计局 税务局 投资促进局 "
    "委编办 退役军人事务局 水利局 林业局 医疗保障局 政务服务管理局 大数据中心 委政法委 "
    "委统战部 总工会 团委 妇联 科协 工商联 残联 金融工作局 国资委 乡村振兴局 行政审批局 "
    "机关事务管理局 档案局 外事办 侨务办 气象局 地震局 粮食和物资储备局 供销社 人民银行 "
    "信访局 网信办 委党校 经济合作局 规划委员会 城市管理局 体育局"
)
PROVINCE = _words(
    "省委组织部 省发展改革委 省财政厅 省人力资源社会保障厅 省教育厅 省科技厅 省经济和信息化厅 "
    "省商务厅 省卫生健康委 省自然资源厅 省农业农村厅 省市场监管局"
)
SYLLABLES = _words(
    "自 流 井 贡 富 顺 荣 县 沿 滩 大 安 贡 井 成 都 锦 江 青 羊 金 牛 武 侯 绵 阳 涪 城 "
    "游 仙 江 油 梓 潼 德 阳 旌 阳 广 汉 什 邡 绵 竹 乐 山 峨 眉 夹 江 宜 宾 翠 屏 南 溪 "
    "泸 州 纳 溪 龙 马 潭 合 江 内 江 威 远 隆 昌 遂 宁 船 山 射 洪 南 充 顺 庆 阆 中 达 州 "
    "通 川 宣 汉 巴 中 恩 阳 雅 安 名 山 眉 山 东 坡 仁 寿 资 阳 雁 安 岳"
)
TOPICS = _words(
    "深化人才发展体制机制改革 推进科技创新 促进民营经济发展 优化营商环境 推进乡村振兴 "
    "加快数字经济发展 推动高质量发展 加强生态环境保护 完善公共服务体系 深化教育改革 "
    "推进健康城市建设 加强基层治理"
)
VERBS = _words(
    "加快 推进 完善 健全 深化 强化 落实 建立 优化 探索 实施 支持 鼓励 引导 规范 统筹 提升 "
    "创新 加强 培育"
)
OBJECTS = _words(
    "人才引进政策 科技成果转化机制 创新创业平台 公共服务体系 基层治理能力 产业园区建设 "
    "金融支持政策 职业技能培训 住房保障制度 子女入学保障 医疗保健服务 考核评价机制 "
    "校地合作机制 高层次人才服务 项目申报制度 数据共享平台 财政奖补政策 企业用工保障 "
    "乡村人才队伍 创业担保贷款 知识产权保护 标准化建设 安全生产责任 生态补偿机制"
)
DETAILS = _words(
    "对急需紧缺人才给予安家补助 每年评选一批示范单位 连续三年每年安排专项资金不低于500万元 "
    "对符合条件的企业给予一次性奖励10万元 力争到2025年覆盖率达到90%以上 建立定期会商制度 "
    "实行清单化管理 纳入年度目标考核 按季度通报进展 简化审批流程 开通绿色通道 "
    "建立联席会议制度 实行动态调整 每两年开展一次评估"
)
CHAPTER_TITLES = _words(
    "建立更有竞争力的人才集聚制度 完善人才培养支持机制 健全人才评价激励机制 "
    "优化人才服务保障 强化组织领导 加强要素保障 深化重点领域改革 推动产业转型升级 "
    "提升公共服务水平 加强统筹协调"
)
CN = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 40 -> 四十 (to 99), as plans number chapters and sections."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
    return head + (CN[ones] if ones else "")


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n (for random.choices / bisect)."""
    return list(itertools.accumulate(1 / (k**s) for k in range(1, n + 1)))


@dataclass
class CorpusInfo:
    """What was written: the files and a few facts the benchmarks use as parameters."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    measures: list[int] = field(default_factory=list)  # measures per file, same order
    bytes: int = 0
    regions: list[str] = field(default_factory=list)

    def prefix(self, measures: int) -> list[Path]:
        """The first files that hold at least `measures` measures in all (a smaller corpus)."""
        total, out = 0, []
        for path, n in zip(self.files, self.measures, strict=True):
            if total >= measures:
                break
            out.append(path)
            total += n
        return out


class PlanWriter:
    """Writes the text of one plan; all randomness comes from the seeded rng given."""

    def __init__(self, rng: random.Random, regions: list[str]) -> None:
        self.rng = rng
        self.regions = regions
        self.bureau_cum = zipf_weights(len(BUREAUS))
        self.province_cum = zipf_weights(len(PROVINCE))
        self.region_cum = zipf_weights(len(regions), 0.6)  # some regions write more plans

    def pick_bureau(self) -> str:
        r = self.rng.random() * self.bureau_cum[-1]
        return BUREAUS[bisect(self.bureau_cum, r)]

    def units(self, region: str, count: int, taken: set[str]) -> list[str]:
        names: list[str] = []
        while len(names) < count:
            if self.rng.random() < 0.04:
                r = self.rng.random() * self.province_cum[-1]
                name = PROVINCE[bisect(self.province_cum, r)]
            else:
                name = region + self.pick_bureau()
            if name not in taken:
                taken.add(name)
                names.append(name)
        return names

    def measure(self, region: str, number: int) -> str:
        rng = self.rng
        parts = [rng.choice(VERBS) + rng.choice(OBJECTS) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.7:
            parts.append(rng.choice(DETAILS))
        text = "，".join(parts) + "。"
        taken: set[str] = set()
        leads = self.units(region, rng.choices((1, 2, 3), (65, 25, 10))[0], taken)
        supporters = self.units(
            region, rng.choices(range(9), (5, 8, 12, 15, 17, 15, 12, 9, 7))[0], taken
        )
        if supporters and rng.random() < 0.01:
            supporters[-1] = f"{region}人才工作领导小组各成员单位"
        units = "牵头单位：" + "、".join(leads)
        if supporters:
            units += "。责任单位：" + "、".join(supporters)
        line = f"{number}. {text}（{units}）"
        if rng.random() < 0.05:  # wrapped onto a second line, as in many converted files
            cut = len(text) // 2
            line = f"{number}. {text[:cut]}\n{text[cut:]}（{units}）"
        return line

    def plan(self, measures: int, markdown: bool) -> tuple[str, str]:
        """(region, text) of one plan of exactly `measures` measures."""
        rng = self.rng
        region = self.regions[bisect(self.region_cum, rng.random() * self.region_cum[-1])]
        chapters = max(1, min(len(CHAPTER_TITLES), round(measures / rng.randint(20, 60))))
        per_chapter = _split(measures, chapters, rng)
        restart = rng.random() < 0.3  # numbers start again in every section
        h1, h2 = ("## ", "### ") if markdown else ("", "")
        lines = [
            f"{'# ' if markdown else ''}{region}关于{rng.choice(TOPICS)}的实施方案",
            "",
            f"为贯彻落实省委、省政府决策部署，结合{region}实际，制定本实施方案。",
        ]
        number = 0
        for c, count in enumerate(per_chapter, start=1):
            lines.append(f"{h1}{cn_number(c)}、{CHAPTER_TITLES[(c - 1) % len(CHAPTER_TITLES)]}")
            sections = max(1, min(9, count // rng.randint(4, 12)))
            for s, in_section in enumerate(_split(count, sections, rng), start=1):
                title = rng.choice(VERBS) + rng.choice(OBJECTS)
                lines.append(f"{h2}（{cn_number(s)}）{title}")
                if restart:
                    number = 0
                for _ in range(in_section):
                    number += 1
                    lines.append(self.measure(region, number))
        return region, "\n".join(lines) + "\n"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` positive counts of roughly equal size (every part >= 1)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


def region_names(count: int, rng: random.Random) -> list[str]:
    """Distinct made-up region names such as 富顺县, 锦阳区, 江州市."""
    names: dict[str, None] = {}
    while len(names) < count:
        base = rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
        names.setdefault(base + rng.choice("县区市县区"), None)
    return list(names)


def iter_plans(
    measures: int, plan_measures: int = 250, seed: int = 7
) -> Iterator[tuple[str, str, int]]:
    """(file name, text, measures) of each plan of the corpus, in order, without writing."""
    rng = random.Random(seed)
    plans = max(1, -(-measures // plan_measures))
    regions = region_names(max(3, min(180, plans // 8)), rng)
    writer = PlanWriter(rng, regions)
    left = measures
    for i in range(plans):
        n = min(left, plan_measures) if i < plans - 1 else left
        left -= n
        markdown = rng.random() < 0.15
        _, text = writer.plan(n, markdown)
        yield f"plan{i:06d}.{'md' if markdown else 'txt'}", text, n


ENCODINGS = (("utf-8", 80), ("utf-8-sig", 10), ("gb18030", 10))


def generate(
    folder: str | Path, measures: int, plan_measures: int = 250, seed: int = 7
) -> CorpusInfo:
    """Write the corpus into `folder` (created if needed); returns what was written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    info = CorpusInfo(out)
    enc_rng = random.Random(seed + 1)
    names, weights = zip(*ENCODINGS, strict=True)
    for name, text, n in iter_plans(measures, plan_measures, seed):
        encoding = "utf-8" if name.endswith(".md") else enc_rng.choices(names, weights)[0]
        data = text.encode(encoding)
        path = out / name
        path.write_bytes(data)
        info.files.append(path)
        info.measures.append(n)
        info.bytes += len(data)
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description="Write a seeded corpus of realistic plan files.")
    ap.add_argument("folder")
    ap.add_argument("--measures", type=int, default=10_000)
    ap.add_argument("--plan-measures", type=int, default=250, help="measures per plan")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    info = generate(args.folder, args.measures, args.plan_measures, args.seed)
    print(f"{len(info.files)} plans, {sum(info.measures)} measures, {info.bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
