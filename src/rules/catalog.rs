//! The rule catalogue (format-spec §4): stable ids, severities, one-line descriptions.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Template;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A heuristic: probably wrong, worth a look.
    Warning,
    /// Follows from the format's definition: the report contradicts itself.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! rules {
    ($( $variant:ident = $id:literal, $sev:ident, $tpl:expr, $desc:literal; )*) => {
        /// A rule, by its stable id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum RuleId {
            $(
                #[doc = $desc]
                #[serde(rename = $id)]
                $variant,
            )*
        }

        /// Every rule, in catalogue order.
        pub static RULES: &[RuleDef] = &[
            $( RuleDef { id: RuleId::$variant, name: $id, severity: Severity::$sev, templates: $tpl, description: $desc }, )*
        ];
    };
}

/// Templates a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// Both templates.
    Both,
    /// Only `tpl2021`.
    Only2021,
    /// Only `tpl2019`.
    Only2019,
}

impl Applies {
    /// Whether the rule applies to a template (never to `pre2019`).
    pub fn to(self, tpl: Template) -> bool {
        match (self, tpl) {
            (_, Template::Pre2019) => false,
            (Applies::Both, _) => true,
            (Applies::Only2021, t) => t == Template::Tpl2021,
            (Applies::Only2019, t) => t == Template::Tpl2019,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Applies::Both => "both",
            Applies::Only2021 => "tpl2021",
            Applies::Only2019 => "tpl2019",
        }
    }
}

/// A rule of the catalogue.
#[derive(Debug)]
pub struct RuleDef {
    /// The id.
    pub id: RuleId,
    /// The id as text (`t2_col_balance`).
    pub name: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Templates it applies to.
    pub templates: Applies,
    /// One-line description.
    pub description: &'static str,
}

use Applies::{Both, Only2019, Only2021};

rules! {
    T2ColBalance = "t2_col_balance", Error, Both,
        "Table 2, each column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 (勾稽关系)";
    T2RowTotal = "t2_row_total", Error, Both,
        "Table 2, each row: 总计 = 自然人 + the five 法人或其他组织 columns";
    T2ResultsTotal = "t2_results_total", Error, Both,
        "Table 2, each column: （七）总计 = the sum of the outcome rows （一）–（六）";
    T2GroupSubtotal = "t2_group_subtotal", Error, Both,
        "Table 2: a value printed on a group row equals the sum of its items";
    T3ReviewSum = "t3_review_sum", Error, Both,
        "Table 3: 行政复议 总计 = 维持 + 纠正 + 其他 + 尚未审结";
    T3LitDirectSum = "t3_lit_direct_sum", Error, Both,
        "Table 3: 未经复议直接起诉 总计 = 维持 + 纠正 + 其他 + 尚未审结";
    T3LitAfterSum = "t3_lit_after_sum", Error, Both,
        "Table 3: 复议后起诉 总计 = 维持 + 纠正 + 其他 + 尚未审结";
    NonnegInt = "nonneg_int", Error, Both,
        "Counts (tables 2 and 3, table-1 件/项 columns) are integers ≥ 0";
    NonnegDecimal = "nonneg_decimal", Error, Both,
        "Amounts (收费金额, 采购总金额) are numbers ≥ 0";
    SignedInt = "signed_int", Error, Only2019,
        "本年增/减 is a whole number (negative for 减)";
    XyCarry = "xy_carry", Warning, Both,
        "Same agency: this year's 上年结转 equals last year's 结转下年度, per column";
    XyInForce = "xy_in_force", Warning, Only2021,
        "Same agency: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止";
    InForceFloor = "in_force_floor", Warning, Only2021,
        "现行有效件数 ≥ 本年制发 − 本年废止";
    XyItems2019 = "xy_items_2019", Warning, Only2019,
        "Same agency 2019→2020: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减";
    PublishedLeTotal = "published_le_total", Warning, Only2019,
        "2019 table 1: 本年新公开 ≤ 对外公开总数, and usually ≤ 本年新制作";
    RegulationsPower = "regulations_power", Warning, Both,
        "Only 国务院部门 and province/设区的市/自治州 governments make 规章";
    BlankCells = "blank_cells", Warning, Both,
        "Cells the template requires are left blank (kept null; counted as 0 in the arithmetic)";
    TotalMissing = "total_missing", Warning, Both,
        "A 总计 is blank while its parts are not: the sum is not checked (incomplete, not wrong)";
    NarrativeVsTable = "narrative_vs_table", Warning, Both,
        "Figures stated in the prose (申请, 办结, 结转, 复议, 诉讼) match the tables";
    FeeUnit = "fee_unit", Warning, Only2021,
        "收费金额 is in 万元: written in 元, implausibly large, or with more than 4 decimals";
    TemplateYear = "template_year", Warning, Both,
        "Reports for 2019–2020 use the 2019 template; from 2021 the 2021 template";
    PublishDate = "publish_date", Warning, Both,
        "Published by 01-31 (departments, townships) or 03-31 (county-level and above) of the next year";
    T3VsT2 = "t3_vs_t2", Warning, Both,
        "Table 3 cases far exceed the year's applications";
    AllZero = "all_zero", Warning, Both,
        "Table 2 is all zero while the prose mentions applications, or the reverse";
    SixSections = "six_sections", Warning, Both,
        "The six sections of the format, 一、总体情况 … 六、其他需要报告的事项, are all there and in order (from 2020)";
    XyCopiedProse = "xy_copied_prose", Warning, Both,
        "Same agency: the prose of 一, 五 or 六 is not nearly the same as last year's (share of 4-character sequences)";
    FeeVsProse = "fee_vs_prose", Warning, Only2021,
        "The prose says what 信息处理费 was charged, and no fee where table 2 granted nothing";
    NotAssessable = "not_assessable", Warning, Both,
        "A rule could not be evaluated because cells could not be read or a table is absent";
}

impl RuleId {
    /// The catalogue entry.
    pub fn def(self) -> &'static RuleDef {
        RULES.iter().find(|r| r.id == self).unwrap_or(&FALLBACK)
    }

    /// The stable id text.
    pub fn as_str(self) -> &'static str {
        self.def().name
    }

    /// Looks a rule up by id text.
    pub fn parse(s: &str) -> Option<RuleId> {
        RULES.iter().find(|r| r.name == s).map(|r| r.id)
    }
}

static FALLBACK: RuleDef = RuleDef {
    id: RuleId::NotAssessable,
    name: "not_assessable",
    severity: Severity::Warning,
    templates: Both,
    description: "",
};

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The catalogue as text: id, severity, templates, description.
pub fn catalogue_text() -> String {
    let mut s = String::new();
    for r in RULES {
        s.push_str(&format!(
            "{:<20} {:<8} {:<8} {}\n",
            r.name,
            r.severity.as_str(),
            r.templates.as_str(),
            r.description
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        assert_eq!(RULES.len(), 28);
        for r in RULES {
            assert_eq!(RuleId::parse(r.name), Some(r.id));
            assert_eq!(
                serde_json::to_value(r.id).ok(),
                Some(serde_json::Value::String(r.name.into()))
            );
        }
        assert_eq!(RuleId::T2ColBalance.def().severity, Severity::Error);
        assert_eq!(RuleId::parse("nope"), None);
    }
}
