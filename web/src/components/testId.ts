/**
 * `{ 'data-testid': id }` to spread into props objects that antd types strictly (button props
 * of modals and confirms), where a literal `data-testid` key would not type-check.
 */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
