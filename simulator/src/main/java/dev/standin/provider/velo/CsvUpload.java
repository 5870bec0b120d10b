package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Velo's CSV uploads: a multipart {@code file} part whose rows become maps by column name. A first
 * row naming known columns is the header; otherwise the caller's documented column order applies.
 */
public final class CsvUpload {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** One data row: its 1-based line number, its cells by column, and the raw line. */
    public record Row(int lineNumber, Map<String, String> cells, String content) {
    }

    private CsvUpload() {
    }

    /** A parameter given in the query or as a form field of the upload. */
    public static String param(Context ctx, String name) {
        return Multipart.param(ctx, name, "file");
    }

    public static List<Row> read(Context ctx, List<String> defaultColumns) {
        String text = new String(Multipart.part(ctx, "file", "the CSV").bytes(), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(text)) {
            while (it.hasNextValue()) {
                records.add(List.of(it.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiError(400, "INVALID_VALUE", "The CSV file is not valid CSV: " + e.getMessage(), "file", "requestBody");
        }
        if (records.isEmpty()) {
            throw new ApiError(400, "INVALID_VALUE", "The CSV file holds no rows", "file", "requestBody");
        }
        List<String> columns = defaultColumns;
        int first = 0;
        List<String> firstRow = records.getFirst().stream().map(c -> c.trim()).toList();
        if (firstRow.stream().anyMatch(c -> defaultColumns.stream().anyMatch(d -> d.equalsIgnoreCase(c)))) {
            columns = firstRow.stream().map(c -> canonical(c, defaultColumns)).toList();
            first = 1;
        }
        List<Row> rows = new ArrayList<>();
        List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
        for (int i = first; i < records.size(); i++) {
            Map<String, String> cells = new HashMap<>();
            List<String> record = records.get(i);
            for (int c = 0; c < Math.min(columns.size(), record.size()); c++) {
                String value = record.get(c);
                if (value != null && !value.isEmpty()) {
                    cells.put(columns.get(c), value);
                }
            }
            if (record.size() > columns.size()) {
                cells.put("__extraCells", Integer.toString(record.size() - columns.size()));
            }
            rows.add(new Row(i + 1, cells, i < nonBlank.size() ? nonBlank.get(i) : String.join(",", record)));
        }
        return rows;
    }

    private static String canonical(String header, List<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(header)) {
                return k;
            }
        }
        return header.toLowerCase(Locale.ROOT);
    }
}
