package dev.standin.provider.velapay.terminal;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws the terminal's screen (a title and lines of text) as a real PNG, base64-encoded. */
final class ScreenImage {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ScreenImage() {
    }

    /** A drawn signature: a looping stroke across the pad, then the holder's name printed under the line. */
    static String signature(String holder) {
        BufferedImage image = new BufferedImage(400, 160, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setStroke(new java.awt.BasicStroke(3f));
            java.awt.geom.Path2D path = new java.awt.geom.Path2D.Double();
            path.moveTo(20, 100);
            int seed = holder.hashCode();
            for (int i = 1; i <= 12; i++) {
                double x = 20 + i * 28;
                double y = 70 + ((seed >> (i % 16)) & 31) + (i % 2 == 0 ? -25 : 15);
                path.quadTo(x - 14, y - 30, x, y);
            }
            g.draw(path);
            g.setStroke(new java.awt.BasicStroke(1f));
            g.drawLine(20, 130, 380, 130);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(holder, 20, 150);
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    static String png(String title, List<String> lines) {
        BufferedImage image = new BufferedImage(480, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 480, 800);
            g.setColor(new Color(20, 60, 120));
            g.fillRect(0, 0, 480, 90);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 30));
            g.drawString(title, 24, 58);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            int y = 160;
            for (String line : lines) {
                g.drawString(line, 24, y);
                y += 40;
            }
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    private static String encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
