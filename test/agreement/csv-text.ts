// Writing sample CSV files as a user's export would look (RFC 4180 quoting).

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}

/** A header line and rows; `null` cells are written empty (missing). */
export function csvText(header: string[], rows: (string | null)[][], lineEnd = '\n'): string {
  return [header, ...rows].map((row) => csvLine(row.map((cell) => cell ?? ''))).join(lineEnd) + lineEnd;
}
