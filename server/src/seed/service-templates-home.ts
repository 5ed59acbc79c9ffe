// Demo services for the home: cleaning, plumbing, electrical and appliance repair.
import type { CategorySlug, ServiceTemplate } from './catalog';

const VISIT_TERMS =
  'Spare parts and materials are billed separately at market price. Free re-visit within 7 days if the same problem returns.';
const CLEANING_TERMS =
  'Please keep water and electricity available. Heavily soiled homes may need an extra session, agreed before we start.';

export const HOME_SERVICE_TEMPLATES: Record<
  Extract<CategorySlug, 'cleaning' | 'plumbing' | 'electrical' | 'appliance-repair'>,
  ServiceTemplate[]
> = {
  cleaning: [
    {
      title: 'Full Home Deep Cleaning',
      description:
        'Top-to-bottom deep cleaning of your home: kitchen degreasing, bathroom descaling, floors scrubbed and mopped, windows, fans and switchboards wiped. Our team brings all equipment and eco-friendly chemicals.',
      priceTaka: [3500, 9000],
      durations: [240, 300, 360],
      terms: CLEANING_TERMS,
    },
    {
      title: 'Bathroom Deep Cleaning',
      description:
        'Deep cleaning of bathrooms: tiles and grout scrubbed, hard-water stains and limescale removed from taps, commode and basin disinfected, exhaust fan cleaned.',
      priceTaka: [1200, 2500],
      durations: [90, 120],
    },
    {
      title: 'Kitchen Deep Cleaning',
      description:
        'Kitchen deep cleaning with degreasing of the chimney hood, stove, tiles and cabinets inside and out. Sink and drain sanitised, appliances wiped down.',
      priceTaka: [1800, 3500],
      durations: [120, 180],
      terms: CLEANING_TERMS,
    },
    {
      title: 'Sofa & Carpet Shampoo Cleaning',
      description:
        'Shampoo cleaning of sofas, carpets and mattresses with an extraction machine. Removes dust mites, stains and odour; dries within a few hours.',
      priceTaka: [1500, 4000],
      durations: [90, 120, 150],
    },
    {
      title: 'Regular Home Cleaning',
      description:
        'Routine home cleaning by a trained cleaner: sweeping, mopping, dusting, bathroom and kitchen surface cleaning. Ideal weekly or fortnightly.',
      priceTaka: [800, 1500],
      durations: [120, 180, 240],
    },
    {
      title: 'Move-in / Move-out Cleaning',
      description:
        'Empty-flat deep cleaning before you move in or hand the keys back: cabinets, wardrobes, windows, grills, bathrooms and floors, paint splashes removed.',
      priceTaka: [4000, 9000],
      durations: [300, 360, 420],
    },
    {
      title: 'Office Cleaning',
      description:
        'After-hours office cleaning: desks, meeting rooms, pantry and washrooms cleaned, carpets vacuumed and bins emptied. Suitable for offices up to 3,000 sq ft.',
      priceTaka: [3000, 7000],
      durations: [180, 240],
    },
    {
      title: 'Water Tank Cleaning',
      description:
        'Overhead and underground water tank cleaning: sludge removed, walls scrubbed, tank disinfected and rinsed so you get clean, safe water again.',
      priceTaka: [1500, 3000],
      durations: [120, 180],
    },
  ],
  plumbing: [
    {
      title: 'Leaking Tap & Pipe Repair',
      description:
        'Plumbing repair for dripping taps, leaking pipes, loose joints and faulty valves. Our plumber finds the leak, fixes it and tests the line under pressure.',
      priceTaka: [500, 1200],
      durations: [45, 60],
      terms: VISIT_TERMS,
    },
    {
      title: 'Bathroom Fitting Installation',
      description:
        'Plumbing installation of commodes, basins, showers, mixers and health faucets. Old fittings removed and sealed properly so nothing leaks.',
      priceTaka: [1500, 4000],
      durations: [120, 180],
      terms: VISIT_TERMS,
    },
    {
      title: 'Drain & Sewer Line Unclogging',
      description:
        'Blocked drain, kitchen sink or sewer line? We clear clogs with spring cables and high-pressure jetting, then check the flow. Fast plumbing help.',
      priceTaka: [800, 2500],
      durations: [60, 90],
    },
    {
      title: 'Water Pump Installation & Repair',
      description:
        'Installation, servicing and repair of water pumps and motors, including float switches and automatic controllers. Plumbing and wiring done together.',
      priceTaka: [1200, 3500],
      durations: [90, 120],
      terms: VISIT_TERMS,
    },
    {
      title: 'Geyser (Water Heater) Installation',
      description:
        'Geyser and water heater installation or replacement with new inlet and outlet plumbing, safety valve check and a test run.',
      priceTaka: [1000, 2500],
      durations: [90, 120],
    },
    {
      title: 'Kitchen Sink Plumbing',
      description:
        'Kitchen sink installation and plumbing: waste pipes, traps, mixer taps and water filter connections fitted and checked for leaks.',
      priceTaka: [600, 1500],
      durations: [60, 90],
    },
    {
      title: 'Full Plumbing Inspection',
      description:
        'A licensed plumber inspects every tap, pipe, cistern and drain in your home, reports hidden leaks and low pressure, and quotes any repairs.',
      priceTaka: [700, 1500],
      durations: [60, 90],
    },
  ],
  electrical: [
    {
      title: 'Electrical Wiring & Rewiring',
      description:
        'Electrical wiring for new rooms or rewiring of old, unsafe lines with branded cables. Includes conduit work and load calculation by a certified electrician.',
      priceTaka: [2500, 8000],
      durations: [180, 240],
      terms: VISIT_TERMS,
    },
    {
      title: 'Ceiling Fan Installation',
      description:
        'Ceiling fan installation or replacement, including the hook, regulator and wiring. Noisy or wobbling fans balanced and serviced.',
      priceTaka: [400, 900],
      durations: [45, 60],
    },
    {
      title: 'Light Fixture & Chandelier Installation',
      description:
        'Installation of LED panels, tube lights, wall lamps and chandeliers by an experienced electrician, with neat concealed wiring.',
      priceTaka: [500, 2000],
      durations: [60, 90],
    },
    {
      title: 'Circuit Breaker & DB Board Repair',
      description:
        'Tripping breakers, burnt sockets or a faulty distribution board? We trace the electrical fault, replace breakers and balance the load.',
      priceTaka: [800, 2500],
      durations: [60, 90],
      terms: VISIT_TERMS,
    },
    {
      title: 'IPS / Inverter Installation',
      description:
        'IPS and inverter installation with battery setup and separate wiring for fans and lights, so your home keeps running through load-shedding.',
      priceTaka: [1500, 3500],
      durations: [120, 150],
    },
    {
      title: 'Socket & Switch Repair',
      description: 'Repair or replacement of loose switches, sparking sockets and broken plug points. Quick electrical fixes done safely.',
      priceTaka: [300, 800],
      durations: [30, 45],
    },
    {
      title: 'Electrical Safety Inspection',
      description:
        'A full electrical safety inspection: earthing test, wiring condition, breaker ratings and appliance load, with a written report.',
      priceTaka: [1000, 2500],
      durations: [90, 120],
    },
  ],
  'appliance-repair': [
    {
      title: 'AC Repair & Gas Refill',
      description:
        'AC repair for split and window air conditioners: cooling problems, water leakage, gas refill and compressor or PCB faults diagnosed on site.',
      priceTaka: [1500, 4500],
      durations: [90, 120],
      terms: VISIT_TERMS,
    },
    {
      title: 'AC Servicing (Master Cleaning)',
      description:
        'AC servicing with jet-wash master cleaning of the indoor and outdoor units, filter cleaning and a gas-pressure check for better cooling.',
      priceTaka: [1000, 2500],
      durations: [60, 90],
    },
    {
      title: 'AC Installation',
      description:
        'Split AC installation and shifting: wall bracket, copper piping, drain line and electrical connection, tested for leaks.',
      priceTaka: [2500, 5000],
      durations: [120, 180],
      terms: VISIT_TERMS,
    },
    {
      title: 'Refrigerator Repair',
      description:
        'Refrigerator and freezer repair: not cooling, gas leakage, thermostat, compressor and door-seal problems, for all major brands.',
      priceTaka: [1000, 3500],
      durations: [60, 90, 120],
      terms: VISIT_TERMS,
    },
    {
      title: 'Washing Machine Repair',
      description: 'Washing machine repair for front- and top-loaders: drum, motor, drain pump, water inlet and control board faults.',
      priceTaka: [1000, 3000],
      durations: [60, 90],
    },
    {
      title: 'Microwave Oven Repair',
      description: 'Microwave oven repair: no heating, sparking, turntable and keypad problems, with genuine spare parts.',
      priceTaka: [600, 1800],
      durations: [45, 60],
    },
    {
      title: 'TV Repair & Wall Mounting',
      description: 'LED and smart TV repair (display, sound, power board) and wall mounting with a bracket and concealed cables.',
      priceTaka: [800, 2500],
      durations: [60, 90],
    },
  ],
};
