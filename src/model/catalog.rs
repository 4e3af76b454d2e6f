//! The national format as data: templates, tables, rows, columns (format-spec §2–§3). The
//! canonical keys built from them are in [`super::keys`] (re-exported here).
//!
//! Every interface of xxgk names a figure by its canonical key (`t2.new_received.total`). The
//! catalogue below is the single place where those keys, their labels and the templates they
//! belong to are defined; everything else refers to a figure by [`KeyId`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which national template a report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Template {
    /// 国办公开办函〔2021〕30号: reports for 2021 onward.
    #[serde(rename = "tpl2021")]
    Tpl2021,
    /// 国办公开办函〔2019〕60号 (试行): reports for 2019 and 2020.
    #[serde(rename = "tpl2019")]
    Tpl2019,
    /// Before 2019: no national tables; metadata only.
    #[serde(rename = "pre2019")]
    Pre2019,
}

impl Template {
    /// The canonical name (`tpl2021`, `tpl2019`, `pre2019`).
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Tpl2021 => "tpl2021",
            Template::Tpl2019 => "tpl2019",
            Template::Pre2019 => "pre2019",
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One of the three standard tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableId {
    /// 二、主动公开政府信息情况.
    T1,
    /// 三、收到和处理政府信息公开申请情况.
    T2,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    T3,
}

impl TableId {
    /// All tables in report order.
    pub const ALL: [TableId; 3] = [TableId::T1, TableId::T2, TableId::T3];

    /// `t1`, `t2` or `t3`.
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::T1 => "t1",
            TableId::T2 => "t2",
            TableId::T3 => "t3",
        }
    }

    /// The table's title as printed in the report.
    pub fn title(self) -> &'static str {
        match self {
            TableId::T1 => "主动公开政府信息情况",
            TableId::T2 => "收到和处理政府信息公开申请情况",
            TableId::T3 => "政府信息公开行政复议、行政诉讼情况",
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of number a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A count (件/项): an integer ≥ 0.
    Count,
    /// A signed change (本年增/减): an integer, negative for 减.
    Signed,
    /// An amount in 万元: a decimal ≥ 0.
    Amount,
}

/// Whether a row is present in a template, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Absent from the template.
    Absent,
    /// A label-only group row (its label spans the rows of its items).
    Group,
    /// A row that carries values.
    Value,
}

/// A column of table 1, 2 or 3.
#[derive(Debug)]
pub struct ColDef {
    /// Canonical key fragment (`natural_person`, `issued`, `review_total`).
    pub key: &'static str,
    /// Verbatim label.
    pub label: &'static str,
    /// Kind of value in this column.
    pub kind: ValueKind,
}

/// A row of a table, with the label signatures used to find it in scraped text.
#[derive(Debug)]
pub struct RowDef {
    /// Canonical key fragment (`new_received`, `regulations`).
    pub key: &'static str,
    /// For table 1, the block (`art20_1` …); empty for tables 2 and 3.
    pub block: &'static str,
    /// Verbatim label of the 2021 template (or 2019 where the row only exists there).
    pub label: &'static str,
    /// Short, distinctive fragments of the normalised label; any one locates the row.
    pub signatures: &'static [&'static str],
    /// Presence in the 2021 template.
    pub in_2021: RowKind,
    /// Presence in the 2019 template.
    pub in_2019: RowKind,
}

impl RowDef {
    /// The row's kind in a template.
    pub fn kind(&self, tpl: Template) -> RowKind {
        match tpl {
            Template::Tpl2021 => self.in_2021,
            Template::Tpl2019 => self.in_2019,
            Template::Pre2019 => RowKind::Absent,
        }
    }
}

const fn col(key: &'static str, label: &'static str, kind: ValueKind) -> ColDef {
    ColDef { key, label, kind }
}

use RowKind::{Absent, Group, Value};
use ValueKind::{Amount, Count, Signed};

/// Columns of table 2 (申请人情况), in their fixed order.
pub static T2_COLS: [ColDef; 7] = [
    col("natural_person", "自然人", Count),
    col("org_commercial", "商业企业", Count),
    col("org_research", "科研机构", Count),
    col("org_public_welfare", "社会公益组织", Count),
    col("org_legal_service", "法律服务机构", Count),
    col("org_other", "其他", Count),
    col("total", "总计", Count),
];

/// Columns of table 3, in their fixed order.
pub static T3_COLS: [ColDef; 15] = [
    col("review_upheld", "行政复议/结果维持", Count),
    col("review_corrected", "行政复议/结果纠正", Count),
    col("review_other", "行政复议/其他结果", Count),
    col("review_pending", "行政复议/尚未审结", Count),
    col("review_total", "行政复议/总计", Count),
    col("lit_direct_upheld", "未经复议直接起诉/结果维持", Count),
    col("lit_direct_corrected", "未经复议直接起诉/结果纠正", Count),
    col("lit_direct_other", "未经复议直接起诉/其他结果", Count),
    col("lit_direct_pending", "未经复议直接起诉/尚未审结", Count),
    col("lit_direct_total", "未经复议直接起诉/总计", Count),
    col("lit_after_review_upheld", "复议后起诉/结果维持", Count),
    col("lit_after_review_corrected", "复议后起诉/结果纠正", Count),
    col("lit_after_review_other", "复议后起诉/其他结果", Count),
    col("lit_after_review_pending", "复议后起诉/尚未审结", Count),
    col("lit_after_review_total", "复议后起诉/总计", Count),
];

static T1_COLS_ART20_1_2021: [ColDef; 3] = [
    col("issued", "本年制发件数", Count),
    col("repealed", "本年废止件数", Count),
    col("in_force", "现行有效件数", Count),
];
static T1_COLS_ART20_1_2019: [ColDef; 3] = [
    col("newly_made", "本年新制作数量", Count),
    col("newly_published", "本年新公开数量", Count),
    col("total_published", "对外公开总数量", Count),
];
static T1_COLS_DECISIONS_2021: [ColDef; 1] = [col("decisions", "本年处理决定数量", Count)];
static T1_COLS_ITEMS_2019: [ColDef; 3] = [
    col("prev_year_items", "上一年项目数量", Count),
    col("items_change", "本年增/减", Signed),
    col("decisions", "处理决定数量", Count),
];
static T1_COLS_FEES_2021: [ColDef; 1] = [col("amount_wan_yuan", "本年收费金额（单位：万元）", Amount)];
static T1_COLS_FEES_2019: [ColDef; 2] = [
    col("prev_year_items", "上一年项目数量", Count),
    col("items_change", "本年增/减", Signed),
];
static T1_COLS_PROCUREMENT_2019: [ColDef; 2] = [
    col("procurement_items", "采购项目数量", Count),
    col("procurement_amount", "采购总金额（万元）", Amount),
];

/// A row of table 1 with the columns it has in each template.
#[derive(Debug)]
pub struct T1Row {
    /// The row definition (block, key, label, signatures).
    pub row: RowDef,
    /// Columns in the 2021 template (empty when absent).
    pub cols_2021: &'static [ColDef],
    /// Columns in the 2019 template (empty when absent).
    pub cols_2019: &'static [ColDef],
}

impl T1Row {
    /// The row's label in a template (`规范性文件` in 2019, `行政规范性文件` from 2021).
    pub fn label(&self, tpl: Template) -> &'static str {
        match (tpl, self.row.key) {
            (Template::Tpl2019, "normative_docs") => "规范性文件",
            _ => self.row.label,
        }
    }

    /// The columns of this row in a template.
    pub fn cols(&self, tpl: Template) -> &'static [ColDef] {
        match tpl {
            Template::Tpl2021 => self.cols_2021,
            Template::Tpl2019 => self.cols_2019,
            Template::Pre2019 => &[],
        }
    }
}

const fn t1row(
    block: &'static str,
    key: &'static str,
    label: &'static str,
    signatures: &'static [&'static str],
    cols_2021: &'static [ColDef],
    cols_2019: &'static [ColDef],
) -> T1Row {
    T1Row {
        row: RowDef {
            key,
            block,
            label,
            signatures,
            in_2021: if cols_2021.is_empty() { Absent } else { Value },
            in_2019: if cols_2019.is_empty() { Absent } else { Value },
        },
        cols_2021,
        cols_2019,
    }
}

/// Rows of table 1, in report order.
pub static T1_ROWS: [T1Row; 8] = [
    t1row(
        "art20_1",
        "regulations",
        "规章",
        &["规章"],
        &T1_COLS_ART20_1_2021,
        &T1_COLS_ART20_1_2019,
    ),
    t1row(
        "art20_1",
        "normative_docs",
        "行政规范性文件",
        &["规范性文件"],
        &T1_COLS_ART20_1_2021,
        &T1_COLS_ART20_1_2019,
    ),
    t1row(
        "art20_5",
        "admin_licensing",
        "行政许可",
        &["行政许可"],
        &T1_COLS_DECISIONS_2021,
        &T1_COLS_ITEMS_2019,
    ),
    t1row(
        "art20_5",
        "other_external_services",
        "其他对外管理服务事项",
        &["对外管理服务"],
        &[],
        &T1_COLS_ITEMS_2019,
    ),
    t1row(
        "art20_6",
        "admin_penalty",
        "行政处罚",
        &["行政处罚"],
        &T1_COLS_DECISIONS_2021,
        &T1_COLS_ITEMS_2019,
    ),
    t1row(
        "art20_6",
        "admin_coercion",
        "行政强制",
        &["行政强制"],
        &T1_COLS_DECISIONS_2021,
        &T1_COLS_ITEMS_2019,
    ),
    t1row(
        "art20_8",
        "admin_fees",
        "行政事业性收费",
        &["事业性收费"],
        &T1_COLS_FEES_2021,
        &T1_COLS_FEES_2019,
    ),
    t1row(
        "art20_9",
        "central_procurement",
        "政府集中采购",
        &["集中采购"],
        &[],
        &T1_COLS_PROCUREMENT_2019,
    ),
];

/// Block titles of table 1 (group anchors when reading text).
pub static T1_BLOCKS: [(&str, &str); 5] = [
    ("art20_1", "第二十条第(一)项"),
    ("art20_5", "第二十条第(五)项"),
    ("art20_6", "第二十条第(六)项"),
    ("art20_8", "第二十条第(八)项"),
    ("art20_9", "第二十条第(九)项"),
];

const fn row(
    key: &'static str,
    label: &'static str,
    signatures: &'static [&'static str],
    in_2021: RowKind,
    in_2019: RowKind,
) -> RowDef {
    RowDef {
        key,
        block: "",
        label,
        signatures,
        in_2021,
        in_2019,
    }
}

/// Rows of table 2, in report order (value rows and group rows).
pub static T2_ROWS: [RowDef; 30] = [
    row(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        &["本年新收", "新收政府信息公开申请"],
        Value,
        Value,
    ),
    row(
        "carried_in",
        "二、上年结转政府信息公开申请数量",
        &["上年结转", "上年度结转", "结转政府信息公开申请"],
        Value,
        Value,
    ),
    row("results", "三、本年度办理结果", &["本年度办理结果"], Group, Group),
    row("granted", "（一）予以公开", &["予以公开"], Value, Value),
    row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        &["部分公开"],
        Value,
        Value,
    ),
    row("denied", "（三）不予公开", &["不予公开"], Group, Group),
    row("denied_state_secret", "1.属于国家秘密", &["国家秘密"], Value, Value),
    row(
        "denied_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        &["禁止公开"],
        Value,
        Value,
    ),
    row(
        "denied_security_stability",
        "3.危及“三安全一稳定”",
        &["三安全一稳定", "危及"],
        Value,
        Value,
    ),
    row(
        "denied_third_party",
        "4.保护第三方合法权益",
        &["保护第三方", "第三方合法权益"],
        Value,
        Value,
    ),
    row(
        "denied_internal_affairs",
        "5.属于三类内部事务信息",
        &["内部事务"],
        Value,
        Value,
    ),
    row(
        "denied_process_info",
        "6.属于四类过程性信息",
        &["过程性信息"],
        Value,
        Value,
    ),
    row(
        "denied_enforcement_file",
        "7.属于行政执法案卷",
        &["执法案卷"],
        Value,
        Value,
    ),
    row("denied_admin_query", "8.属于行政查询事项", &["查询事项"], Value, Value),
    row("unable", "（四）无法提供", &["无法提供"], Group, Group),
    row(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        &["不掌握"],
        Value,
        Value,
    ),
    row(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        &["没有现成", "另行制作"],
        Value,
        Value,
    ),
    row(
        "unable_unclear",
        "3.补正后申请内容仍不明确",
        &["仍不明确", "补正后申请"],
        Value,
        Value,
    ),
    row("not_processed", "（五）不予处理", &["不予处理"], Group, Group),
    row(
        "np_petition_complaint",
        "1.信访举报投诉类申请",
        &["信访举报", "举报投诉"],
        Value,
        Value,
    ),
    row("np_duplicate", "2.重复申请", &["重复申请"], Value, Value),
    row("np_publication", "3.要求提供公开出版物", &["出版物"], Value, Value),
    row(
        "np_mass_repeated",
        "4.无正当理由大量反复申请",
        &["大量反复"],
        Value,
        Value,
    ),
    row(
        "np_confirm_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        &["确认或重新", "重新出具"],
        Value,
        Value,
    ),
    row("other", "（六）其他处理", &["其他处理"], Group, Value),
    row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        &["逾期不补正", "无正当理由逾期"],
        Value,
        Absent,
    ),
    row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        &["未按收费", "逾期未按"],
        Value,
        Absent,
    ),
    row("other_other", "3.其他", &["其他"], Value, Absent),
    row("results_total", "（七）总计", &["总计"], Value, Value),
    row(
        "carried_out",
        "四、结转下年度继续办理",
        &["结转下年度", "下年度继续"],
        Value,
        Value,
    ),
];

pub use super::keys::{
    KeyDef, KeyId, KeyIndex, catalog, key, short_label, t1_row_label, t2_col_label, t2_grid, t2_group_items, t2_key,
    t2_outcome_rows, t2_row_ids, t2_row_label, t2_value_rows, t3_key,
};
