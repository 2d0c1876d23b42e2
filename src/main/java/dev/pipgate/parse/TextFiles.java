package dev.pipgate.parse;

import dev.pipgate.model.InputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a text file into a string the way editors on every platform write them: a
 * UTF-8 or UTF-16 byte-order mark decides the encoding (PowerShell's {@code >} writes UTF-16LE with
 * a BOM), otherwise UTF-8. CRLF and CR line ends become LF, so line numbers count the same on every
 * platform. Binary files and invalid encodings are input errors naming the line.
 */
public final class TextFiles {
  private TextFiles() {}

  /** The encoding the byte-order mark names, UTF-8 when there is none. */
  public static Charset charsetOf(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      return StandardCharsets.UTF_16LE;
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      return StandardCharsets.UTF_16BE;
    }
    return StandardCharsets.UTF_8;
  }

  /** How many bytes the byte-order mark takes (0 when there is none). */
  public static int bomLength(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      return 3;
    }
    return charsetOf(bytes) == StandardCharsets.UTF_8 ? 0 : 2;
  }

  public static String decode(String path, byte[] bytes) {
    Charset charset = charsetOf(bytes);
    int skip = bomLength(bytes);
    if (charset == StandardCharsets.UTF_8) {
      for (int i = skip; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          throw new InputException(
              path, lineAt(bytes, skip, i), "binary file (NUL byte), not a text file");
        }
      }
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstBadOffset(charset, bytes, skip);
      throw new InputException(
          path,
          charset == StandardCharsets.UTF_8 ? lineAt(bytes, skip, bad) : 0,
          "not valid " + charset.name() + " text");
    }
    if (text.indexOf('\0') >= 0) {
      throw new InputException(path, 0, "binary file (NUL character), not a text file");
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static int firstBadOffset(Charset charset, byte[] bytes, int from) {
    // Narrow down the first offending byte by decoding growing prefixes in UTF-8 steps.
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  private static int lineAt(byte[] bytes, int from, int offset) {
    int line = 1;
    for (int i = from; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
