package dev.dcf.handler.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * A strict RFC 4180 reader for the tests: quoted cells, doubled quotes, CRLF line ends;
 * anything else (a stray quote, a bare LF, a ragged line) fails.
 */
public final class Csv {

	private Csv() {
	}

	/**
	 * The lines after the header, each as column name to cell.
	 * @param text the CSV
	 * @return the rows
	 */
	public static List<Map<String, String>> rows(String text) {
		List<List<String>> lines = parse(text);
		List<String> header = lines.get(0);
		List<Map<String, String>> rows = new ArrayList<>();
		for (List<String> line : lines.subList(1, lines.size())) {
			if (line.size() != header.size()) {
				throw new IllegalArgumentException("line has " + line.size() + " cells, header " + header.size());
			}
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.size(); i++) {
				row.put(header.get(i), line.get(i));
			}
			rows.add(row);
		}
		return rows;
	}

	/**
	 * All lines, header included.
	 * @param text the CSV
	 * @return the cells of each line
	 */
	public static List<List<String>> parse(String text) {
		List<List<String>> lines = new ArrayList<>();
		List<String> line = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		int i = 0;
		boolean quoted = false;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i += 2;
					continue;
				}
				if (c == '"') {
					quoted = false;
					char next = (i + 1 < text.length()) ? text.charAt(i + 1) : '\r';
					if (next != ',' && next != '\r') {
						throw new IllegalArgumentException("text after a closing quote at " + i);
					}
				}
				else {
					cell.append(c);
				}
				i++;
				continue;
			}
			if (c == '"') {
				if (!cell.isEmpty()) {
					throw new IllegalArgumentException("quote inside an unquoted cell at " + i);
				}
				quoted = true;
			}
			else if (c == ',') {
				line.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r') {
				if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
					throw new IllegalArgumentException("CR without LF at " + i);
				}
				line.add(cell.toString());
				cell.setLength(0);
				lines.add(line);
				line = new ArrayList<>();
				i++;
			}
			else if (c == '\n') {
				throw new IllegalArgumentException("bare LF at " + i);
			}
			else {
				cell.append(c);
			}
			i++;
		}
		if (quoted || !cell.isEmpty() || !line.isEmpty()) {
			throw new IllegalArgumentException("the last line does not end with CRLF");
		}
		return lines;
	}

}
