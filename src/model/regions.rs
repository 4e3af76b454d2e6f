//! Provinces and prefecture-level places (facts of the administrative divisions), used to derive
//! a report's province from its division code, site identifiers or place names (format-spec §5.3).

/// Provinces: 2-digit division prefix, short name, one-char abbreviations (ICP/公网安备/文号).
pub static PROVINCES: [(&str, &str, &str); 34] = [
    ("11", "北京", "京"),
    ("12", "天津", "津"),
    ("13", "河北", "冀"),
    ("14", "山西", "晋"),
    ("15", "内蒙古", "蒙"),
    ("21", "辽宁", "辽"),
    ("22", "吉林", "吉"),
    ("23", "黑龙江", "黑"),
    ("31", "上海", "沪"),
    ("32", "江苏", "苏"),
    ("33", "浙江", "浙"),
    ("34", "安徽", "皖"),
    ("35", "福建", "闽"),
    ("36", "江西", "赣"),
    ("37", "山东", "鲁"),
    ("41", "河南", "豫"),
    ("42", "湖北", "鄂"),
    ("43", "湖南", "湘"),
    ("44", "广东", "粤"),
    ("45", "广西", "桂"),
    ("46", "海南", "琼"),
    ("50", "重庆", "渝"),
    ("51", "四川", "川蜀"),
    ("52", "贵州", "贵黔"),
    ("53", "云南", "云滇"),
    ("54", "西藏", "藏"),
    ("61", "陕西", "陕"),
    ("62", "甘肃", "甘陇"),
    ("63", "青海", "青"),
    ("64", "宁夏", "宁"),
    ("65", "新疆", "新"),
    ("71", "台湾", "台"),
    ("81", "香港", "港"),
    ("82", "澳门", "澳"),
];

/// Prefecture-level places by province prefix (short names, without 市/州/盟).
static PREFECTURES: [(&str, &str); 31] = [
    ("11", "北京"),
    ("12", "天津"),
    (
        "13",
        "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 雄安",
    ),
    ("14", "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁"),
    (
        "15",
        "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒 阿拉善",
    ),
    (
        "21",
        "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛",
    ),
    ("22", "长春 四平 辽源 通化 白山 松原 白城 延边"),
    (
        "23",
        "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭",
    ),
    ("31", "上海"),
    (
        "32",
        "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    ),
    ("33", "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"),
    (
        "34",
        "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    ),
    ("35", "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 平潭"),
    ("36", "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶"),
    (
        "37",
        "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽",
    ),
    (
        "41",
        "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
    ),
    (
        "42",
        "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架",
    ),
    (
        "43",
        "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西",
    ),
    (
        "44",
        "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
    ),
    (
        "45",
        "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    ),
    ("46", "海口 三亚 三沙 儋州"),
    ("50", "重庆"),
    (
        "51",
        "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山",
    ),
    ("52", "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南"),
    (
        "53",
        "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆",
    ),
    ("54", "拉萨 日喀则 昌都 林芝 山南 那曲 阿里"),
    ("61", "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 杨凌"),
    (
        "62",
        "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南",
    ),
    ("63", "西宁 海东 海北 黄南 果洛 玉树 海西"),
    ("64", "银川 石嘴山 吴忠 固原 中卫"),
    (
        "65",
        "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子",
    ),
];

/// Province short name for a 2-digit division prefix.
pub fn province_of_code(code: &str) -> Option<&'static str> {
    let p = code.get(..2)?;
    PROVINCES.iter().find(|(c, _, _)| *c == p).map(|(_, n, _)| *n)
}

/// Province for a one-char abbreviation (`辽`, `陕`, `蜀`).
pub fn province_of_abbrev(c: char) -> Option<&'static str> {
    PROVINCES.iter().find(|(_, _, a)| a.contains(c)).map(|(_, n, _)| *n)
}

/// Province of a place name that starts with a province or prefecture name
/// (`西安市雁塔区…` → 陕西, `陕西省…` → 陕西).
pub fn province_of_place(name: &str) -> Option<&'static str> {
    if let Some((_, n, _)) = PROVINCES.iter().find(|(_, n, _)| name.starts_with(n)) {
        return Some(n);
    }
    for (code, list) in &PREFECTURES {
        if list.split(' ').any(|p| name.starts_with(p)) {
            return province_of_code(code);
        }
    }
    None
}

/// Every province and prefecture name with the province it belongs to, for scanning prose
/// (`苏州市政府` → 江苏). Province names carry their own suffixes.
pub fn place_names() -> impl Iterator<Item = (String, &'static str)> {
    let provinces = PROVINCES.iter().flat_map(|(_, n, _)| {
        let suffixes: &[&str] = match *n {
            "北京" | "天津" | "上海" | "重庆" => &["市"],
            "内蒙古" | "广西" | "西藏" | "宁夏" | "新疆" => &["自治区"],
            "香港" | "澳门" => &["特别行政区"],
            _ => &["省"],
        };
        suffixes.iter().map(move |s| (format!("{n}{s}"), *n))
    });
    let prefectures = PREFECTURES.iter().flat_map(|(code, list)| {
        let prov = province_of_code(code).unwrap_or("");
        list.split(' ').map(move |p| (format!("{p}市"), prov))
    });
    provinces.chain(prefectures).filter(|(_, p)| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(province_of_code("211282"), Some("辽宁"));
        assert_eq!(province_of_code("610430"), Some("陕西"));
        assert_eq!(province_of_code("991234"), None);
        assert_eq!(province_of_abbrev('蜀'), Some("四川"));
        assert_eq!(province_of_place("西安市雁塔区漳浒寨街道办事处"), Some("陕西"));
        assert_eq!(province_of_place("淮安市人民政府"), Some("江苏"));
        assert_eq!(province_of_place("张家港市"), None);
        assert!(place_names().any(|(n, p)| n == "苏州市" && p == "江苏"));
    }
}
