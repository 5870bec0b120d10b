package dev.standin.provider.velapay.terminal;

/**
 * Magnetic stripe data for a card, in the ISO 7813 track formats: track 1
 * {@code %B<PAN>^<SURNAME>/<GIVEN>^<YYMM><service code><discretionary>?}, track 2
 * {@code ;<PAN>=<YYMM><service code><discretionary>?}, and an ISO 4909 style track 3.
 */
final class Tracks {
    private static final String SERVICE_CODE = "101";

    private Tracks() {
    }

    static String track1(Card card) {
        return "%B" + card.pan() + "^" + trackName(card.holder()) + "^" + yymm(card) + SERVICE_CODE + "0000000000000?";
    }

    static String track2(Card card) {
        return ";" + card.pan() + "=" + yymm(card) + SERVICE_CODE + "0000000000?";
    }

    static String track3(Card card) {
        return ";01" + card.pan() + "=724724000000000000030300000000?";
    }

    /** MMYY, as the MSR answer shows the expiry. */
    static String expiry(Card card) {
        return card.expiry();
    }

    private static String yymm(Card card) {
        return card.expiry().substring(2) + card.expiry().substring(0, 2);
    }

    /** "JOHN DOE" becomes "DOE/JOHN". */
    private static String trackName(String holder) {
        int space = holder.lastIndexOf(' ');
        return space < 0 ? holder : holder.substring(space + 1) + "/" + holder.substring(0, space);
    }
}
