import pytest
from policygraph.loader.departments import department_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("区委组织部", "party"),
        ("区委编办", "party"),
        ("市纪委监委", "party"),
        ("团区委", "mass"),
        ("区总工会", "mass"),
        ("区工商联", "mass"),
        ("区人才工作领导小组各成员单位", "collective"),
        ("各有关部门", "collective"),
        ("各县市区政府", "collective"),
        ("属地乡镇", "collective"),  # the township where the work lies, whichever it is
        ("区政府法制办", "government"),
        ("区工管委", "government"),
        ("区政务服务中心", "government"),
        ("区人力资源社会保障局", "government"),
        ("自贡市某某有限公司", "other"),
    ],
)
def test_kind_rules(name, kind):
    assert department_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("峨山县委组织部", "party"),
        ("自贡市委宣传部", "party"),
        ("贡井区委组织部", "party"),
        ("四川省委组织部", "party"),
        ("大安区委政法委", "party"),
        ("中共自贡市委", "party"),
        ("中共自贡市委组织部", "party"),
        ("峨山縣委組織部", "party"),
        ("XX镇人民政府", "government"),
        ("某某区发展和改革局", "government"),
        ("某某街道办事处", "government"),
        ("团自贡市委", "mass"),
        ("共青团自贡市委", "mass"),
        ("自贡市科协", "mass"),
    ],
)
def test_a_place_prefixed_name_gets_the_kind_of_the_body_it_names(name, kind):
    assert department_kind(name) == kind


@pytest.mark.parametrize("name", ["政协自贡市委员会", "市场监管委", "市卫健委", "高新区管委会"])
def test_a_place_followed_by_another_word_than_wei_is_no_party_organ(name):
    assert department_kind(name) == "government"
