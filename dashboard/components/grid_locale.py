"""AG Grid's own texts (paging, filters, loading, empty table) in the interface language: the one place every
dash-ag-grid of the product takes them from (`grid_options(lang, {...})` as its `dashGridOptions`).

English is AG Grid's own. Russian and Chinese follow AG Grid's published locales (AG_GRID_LOCALE_RU, _CN)
for the keys the community grid shows, with the product's number separators (ru: 1 234,5; zh: 1,234.5).
"""

from __future__ import annotations

GRID_LOCALE_RU = {
    # paging: "1 to 12 of 12", "Page 1 of 1"
    "page": "Страница", "of": "из", "to": "–", "more": "ещё", "pageLastRowUnknown": "?",
    "firstPage": "Первая страница", "previousPage": "Предыдущая страница", "nextPage": "Следующая страница",
    "lastPage": "Последняя страница", "pageSizeSelectorLabel": "Строк на странице:",
    "ariaPageSizeSelectorLabel": "Строк на странице", "footerTotal": "Всего",
    # loading and empty
    "loadingOoo": "Загрузка…", "loadingError": "ОШИБКА", "noRowsToShow": "Нет строк", "exportingOoo": "Экспорт…",
    "blanks": "(Пусто)", "invalidDate": "Неверная дата", "invalidNumber": "Неверное число",
    # filters
    "filterOoo": "Фильтр…", "searchOoo": "Поиск…", "empty": "Выберите условие", "equals": "Равно",
    "notEqual": "Не равно", "lessThan": "Меньше", "greaterThan": "Больше", "lessThanOrEqual": "Меньше или равно",
    "greaterThanOrEqual": "Больше или равно", "inRange": "Между", "inRangeStart": "От", "inRangeEnd": "До",
    "contains": "Содержит", "notContains": "Не содержит", "startsWith": "Начинается с",
    "endsWith": "Заканчивается на", "blank": "Пусто", "notBlank": "Не пусто", "before": "До", "after": "После",
    "andCondition": "И", "orCondition": "ИЛИ", "dateFormatOoo": "гггг-мм-дд",
    "applyFilter": "Применить", "clearFilter": "Очистить", "resetFilter": "Сбросить", "cancelFilter": "Отмена",
    "textFilter": "Текстовый фильтр", "numberFilter": "Числовой фильтр", "dateFilter": "Фильтр по дате",
    "setFilter": "Фильтр по значениям", "selectAll": "(Выбрать все)", "selectAllSearchResults": "(Выбрать все найденные)",
    "noMatches": "Нет совпадений",
    "sortAscending": "По возрастанию", "sortDescending": "По убыванию", "sortUnSort": "Без сортировки",
    "columns": "Столбцы", "filters": "Фильтры",
    # for screen readers
    "ariaFilterValue": "Значение фильтра", "ariaFilterFromValue": "Значение «от»", "ariaFilterToValue": "Значение «до»",
    "ariaFilterInput": "Поле фильтра", "ariaFilteringOperator": "Условие фильтра",
    "ariaDateFilterInput": "Поле даты", "ariaFilterMenuOpen": "Открыть меню фильтра",
    "ariaLabelColumnFilter": "Фильтр столбца", "ariaLabelColumnMenu": "Меню столбца", "ariaLabelTooltip": "Подсказка",
    "ariaSortableColumn": "Нажмите Enter для сортировки", "ariaChecked": "отмечено", "ariaUnchecked": "не отмечено",
    "ariaIndeterminate": "частично", "ariaRowSelectAll": "Пробел — выбрать все строки",
    "ariaSkeletonCellLoading": "Строка загружается", "ariaSkeletonCellLoadingFailed": "Строка не загрузилась",
    # numbers the grid formats itself
    "thousandSeparator": "\u00a0", "decimalSeparator": ",",
}

GRID_LOCALE_ZH = {
    "page": "页码", "of": "/", "to": "–", "more": "更多", "pageLastRowUnknown": "?",
    "firstPage": "首页", "previousPage": "上一页", "nextPage": "下一页", "lastPage": "末页",
    "pageSizeSelectorLabel": "每页行数：", "ariaPageSizeSelectorLabel": "每页行数", "footerTotal": "合计",
    "loadingOoo": "加载中…", "loadingError": "错误", "noRowsToShow": "没有数据", "exportingOoo": "导出中…",
    "blanks": "（空白）", "invalidDate": "无效日期", "invalidNumber": "无效数字",
    "filterOoo": "筛选…", "searchOoo": "搜索…", "empty": "请选择", "equals": "等于", "notEqual": "不等于",
    "lessThan": "小于", "greaterThan": "大于", "lessThanOrEqual": "小于或等于", "greaterThanOrEqual": "大于或等于",
    "inRange": "介于", "inRangeStart": "从", "inRangeEnd": "到", "contains": "包含", "notContains": "不包含",
    "startsWith": "开头为", "endsWith": "结尾为", "blank": "为空", "notBlank": "不为空", "before": "早于",
    "after": "晚于", "andCondition": "且", "orCondition": "或", "dateFormatOoo": "年-月-日",
    "applyFilter": "应用", "clearFilter": "清除", "resetFilter": "重置", "cancelFilter": "取消",
    "textFilter": "文本筛选", "numberFilter": "数字筛选", "dateFilter": "日期筛选", "setFilter": "值筛选",
    "selectAll": "（全选）", "selectAllSearchResults": "（全选搜索结果）", "noMatches": "无匹配项",
    "sortAscending": "升序", "sortDescending": "降序", "sortUnSort": "取消排序", "columns": "列", "filters": "筛选",
    "ariaFilterValue": "筛选值", "ariaFilterFromValue": "起始值", "ariaFilterToValue": "结束值",
    "ariaFilterInput": "筛选输入框", "ariaFilteringOperator": "筛选条件", "ariaDateFilterInput": "日期输入框",
    "ariaFilterMenuOpen": "打开筛选菜单", "ariaLabelColumnFilter": "列筛选", "ariaLabelColumnMenu": "列菜单",
    "ariaLabelTooltip": "提示", "ariaSortableColumn": "按回车键排序", "ariaChecked": "已选中", "ariaUnchecked": "未选中",
    "ariaIndeterminate": "部分选中", "ariaRowSelectAll": "按空格键全选", "ariaSkeletonCellLoading": "正在加载行",
    "ariaSkeletonCellLoadingFailed": "行加载失败",
    "thousandSeparator": ",", "decimalSeparator": ".",
}

GRID_LOCALES = {"ru": GRID_LOCALE_RU, "zh": GRID_LOCALE_ZH}


def locale_text(lang: str, **overrides: str) -> dict[str, str]:
    """The grid's texts in `lang` ({} for English: AG Grid's own), with a page's own (e.g. noRowsToShow)."""
    return {**GRID_LOCALES.get(lang, {}), **overrides}


def grid_options(lang: str, options: dict | None = None, **texts: str) -> dict:
    """`options` (a grid's dashGridOptions) with its texts in `lang`; `texts` override single keys."""
    merged = dict(options or {})
    localized = locale_text(lang, **{**merged.pop("localeText", {}), **texts})
    if localized:
        merged["localeText"] = localized
    return merged
