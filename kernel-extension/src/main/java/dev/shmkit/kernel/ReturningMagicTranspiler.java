package dev.shmkit.kernel;

import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

/**
 * JJava 1.0-a6's transpiler appends {@code {};} to every magic call, which turns the call into a
 * statement and drops the magic's return value (fixed in a7, jjava issue #110). Removing it makes
 * a magic at the end of a cell the cell's result.
 */
final class ReturningMagicTranspiler extends MagicTranspiler {
    /** The block a6 appends after {@code lineMagic(...);} and {@code cellMagic(...);}. */
    private static final String DROPPED_RESULT = "{};";

    @Override
    public String transpileCell(ParsedCellMagic magic) {
        return strip(super.transpileCell(magic));
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        return strip(super.transpileLine(magic));
    }

    private static String strip(String code) {
        return code.endsWith(DROPPED_RESULT) ? code.substring(0, code.length() - DROPPED_RESULT.length()) : code;
    }
}
