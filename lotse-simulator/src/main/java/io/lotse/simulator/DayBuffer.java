package io.lotse.simulator;

import java.util.ArrayList;
import java.util.List;

/** What one day produced, waiting for the day to close. */
final class DayBuffer {

    final List<Pending.Event> events = new ArrayList<>();
    final List<Pending.PlacedOrder> orders = new ArrayList<>();
    final List<Pending.Message> messages = new ArrayList<>();
    final List<Pending.Sample> samples = new ArrayList<>();
}
