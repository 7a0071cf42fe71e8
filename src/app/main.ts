/** Entry point of the page: defines <neuron-playground>, which index.html places. */
import './neuron-playground';
