/** Messages and error codes of the questionnaire text import/export. Keys `error.<CODE>`, `surveys.text.*`. */
export const SURVEYS_TEXT_ERRORS = ['SURVEY_TEXT_EMPTY', 'SURVEY_TEXT_TOO_LONG'] as const;

export const surveysTextZhCN = {
  'error.SURVEY_TEXT_EMPTY': '请粘贴问卷内容。',
  'error.SURVEY_TEXT_TOO_LONG': '问卷内容太长（最多 100000 字）。',
  'surveys.text.type.single': '单选题',
  'surveys.text.type.multiple': '多选题',
  'surveys.text.type.text': '填空题',
  'surveys.text.type.scale': '量表题',
  'surveys.text.type.nps': 'NPS 推荐度',
  'surveys.text.type.matrix': '矩阵单选题',
  'surveys.text.type.ranking': '排序题',
  'surveys.text.problem.unrecognized': '无法识别这一行：它既不是题目，也不是选项。',
  'surveys.text.problem.beforeQuestion': '选项出现在第一道题之前，已忽略。',
  'surveys.text.problem.section': '分节标题已忽略（导入的题目不分节）。',
  'surveys.text.problem.inferredSingle': '未标注题型，题目有选项，已按单选题处理。',
  'surveys.text.problem.inferredText': '未标注题型，题目没有选项，已按填空题处理。',
  'surveys.text.problem.inferredScale': '未标注题型，题目有分值范围，已按量表题处理。',
  'surveys.text.problem.inferredNps': '未标注题型，题目是 0–10 分推荐度，已按 NPS 处理。',
  'surveys.text.problem.unsupportedType': '不支持题型「{marker}」，已按{type}处理。',
  'surveys.text.problem.matrixMultiple': '暂不支持矩阵多选题，已按矩阵单选题处理。',
  'surveys.text.problem.fewOptions': '{type}至少需要两个选项。',
  'surveys.text.problem.noRows': '矩阵题没有行：请用“（1）……”逐行列出，或写“行：甲、乙、丙”。',
  'surveys.text.problem.noColumns':
    '矩阵题没有列：请用 A. B. C. 列出，或写“列：满意、一般、不满意”。',
  'surveys.text.problem.optionsIgnored': '{type}不使用选项，这些选项已忽略。',
  'surveys.text.problem.rowsIgnored': '只有矩阵题有行，这一行已忽略。',
  'surveys.text.problem.scaleFromOptions':
    '量表题的 {count} 个选项已转换为 {min}–{max} 分，两端的说明取第一个和最后一个选项。',
  'surveys.text.problem.maxIgnored': '“最多选几项”只适用于多选题，已忽略。',
  'surveys.text.problem.maxTooLarge': '最多可选 {max} 项，但只有 {count} 个选项，已取消这一限制。',
  'surveys.text.problem.duplicateOption': '重复的选项“{option}”已删除。',
  'surveys.text.problem.tooManyOptions': '选项超过 {max} 个，多出的已删除。',
  'surveys.text.problem.tooManyRows': '矩阵的行超过 {max} 行，多出的已删除。',
  'surveys.text.problem.tooLong': '文字超过 {max} 字，已截断。',
  'surveys.text.problem.emptyTitle': '这道题没有题干，已跳过。',
  'surveys.text.problem.showIfInvalid':
    '显示条件无效（只能引用前面的单选题或多选题及其选项），已忽略。',
  'surveys.text.problem.scaleRange': '分值范围无效（应在 0 到 10 之间，且由小到大），已改为 1–5。',
  'surveys.text.problem.tooManyQuestions': '题目超过 {max} 道，之后的内容已忽略。',
} as const;

export const surveysTextEn: Record<keyof typeof surveysTextZhCN, string> = {
  'error.SURVEY_TEXT_EMPTY': 'Please paste the questionnaire.',
  'error.SURVEY_TEXT_TOO_LONG': 'The questionnaire is too long (at most 100,000 characters).',
  'surveys.text.type.single': 'single choice',
  'surveys.text.type.multiple': 'multiple choice',
  'surveys.text.type.text': 'text',
  'surveys.text.type.scale': 'rating scale',
  'surveys.text.type.nps': 'NPS',
  'surveys.text.type.matrix': 'matrix',
  'surveys.text.type.ranking': 'ranking',
  'surveys.text.problem.unrecognized':
    'Line not understood: it is neither a question nor an option.',
  'surveys.text.problem.beforeQuestion': 'An option before the first question was ignored.',
  'surveys.text.problem.section': 'Section heading ignored (imported questions have no sections).',
  'surveys.text.problem.inferredSingle':
    'No question type given; the question has options, so it was taken as single choice.',
  'surveys.text.problem.inferredText':
    'No question type given; the question has no options, so it was taken as text.',
  'surveys.text.problem.inferredScale':
    'No question type given; the question has a score range, so it was taken as a rating scale.',
  'surveys.text.problem.inferredNps':
    'No question type given; a 0–10 recommendation question was taken as NPS.',
  'surveys.text.problem.unsupportedType':
    'The question type “{marker}” is not supported; it was taken as {type}.',
  'surveys.text.problem.matrixMultiple':
    'Multiple-choice matrices are not supported; taken as a single-choice matrix.',
  'surveys.text.problem.fewOptions': 'A {type} question needs at least two options.',
  'surveys.text.problem.noRows':
    'The matrix has no rows: list them as “(1) …” lines or as “行：A、B、C”.',
  'surveys.text.problem.noColumns':
    'The matrix has no columns: list them as A. B. C. or as “列：满意、一般、不满意”.',
  'surveys.text.problem.optionsIgnored': 'A {type} question has no options; these were ignored.',
  'surveys.text.problem.rowsIgnored': 'Only matrix questions have rows; this line was ignored.',
  'surveys.text.problem.scaleFromOptions':
    'The {count} options of the rating scale became scores {min}–{max}, labelled with the first and last option.',
  'surveys.text.problem.maxIgnored':
    'A maximum number of choices applies only to multiple choice; ignored.',
  'surveys.text.problem.maxTooLarge':
    'At most {max} choices, but there are only {count} options; the maximum was removed.',
  'surveys.text.problem.duplicateOption': 'The repeated option “{option}” was removed.',
  'surveys.text.problem.tooManyOptions': 'More than {max} options; the rest were removed.',
  'surveys.text.problem.tooManyRows': 'More than {max} matrix rows; the rest were removed.',
  'surveys.text.problem.tooLong': 'Longer than {max} characters; cut short.',
  'surveys.text.problem.emptyTitle': 'The question has no wording; skipped.',
  'surveys.text.problem.showIfInvalid':
    'Invalid show-if condition (it may refer only to an earlier single or multiple choice question and its options); ignored.',
  'surveys.text.problem.scaleRange':
    'Invalid score range (must lie within 0 to 10, low to high); set to 1–5.',
  'surveys.text.problem.tooManyQuestions':
    'More than {max} questions; everything after was ignored.',
};
