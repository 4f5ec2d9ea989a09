// Builders shared by the sheet tests: CSV text and XLSX workbooks as the parser receives them.
import ExcelJS from 'exceljs';

export const TODAY = '2027-01-15';

export const csv = (text: string): Buffer => Buffer.from(text, 'utf8');

/** An XLSX workbook whose first worksheet holds `rows` (row 1 first); `setup` may touch cells further. */
export async function xlsx(rows: ExcelJS.CellValue[][], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== null && value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  setup?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
