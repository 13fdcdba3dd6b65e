"""The documented REST surface: parse → call one resolver → render. No rules live here."""
