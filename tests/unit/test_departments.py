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
        ("区政府法制办", "government"),
        ("区工管委", "government"),
        ("区政务服务中心", "government"),
        ("区人力资源社会保障局", "government"),
        ("自贡市某某有限公司", "other"),
    ],
)
def test_kind_rules(name, kind):
    assert department_kind(name) == kind
